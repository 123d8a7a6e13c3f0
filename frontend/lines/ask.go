package lines

import (
	"io"

	"charm.land/huh/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/ui/field"
	"github.com/flexslot/flexslot-register/validate"
)

// ask asks for the answers a field at a time, on the pages the form would
// show given what was given (see asked; nil: every page), and says what each
// page says: the field's help before its prompt, and what the field holds
// now in the prompt, which an empty answer keeps.
func (a *Prompts) ask(given map[string]bool) error {
	for page := range api.Pages {
		if flow.PageSkipped(page, given) {
			continue
		}
		for _, f := range api.FieldsOn(page) {
			if err := a.askField(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// askField asks for one field, with the widget its page uses, through huh's
// line prompt or the field's own (the redirect URI editor says its own help).
func (a *Prompts) askField(f api.Field) error {
	r := a.req
	var question huh.Field
	switch f.Kind {
	case api.KindText, api.KindLink:
		value := f.Text(r)
		question = huh.NewInput().Title(promptTitle(f, *value)).Value(value).Validate(field.KeepOnEmpty(value, f.CheckText))
	case api.KindChoice:
		question = huh.NewSelect[string]().Title(promptTitle(f, *f.Text(r))).Options(field.ChoiceOptions(f)...).Value(f.Text(r))
	case api.KindMulti:
		question = field.NewChoicesField(f.List(r), f.Options).Key(f.JSON).Title(f.Label).Validate(f.CheckList)
	case api.KindURIList:
		question = field.NewRedirectURIsField(f.List(r)).Key(f.JSON).Title(f.Label).DescriptionFunc(field.RedirectHelp(f, r))
	}
	if f.Help != "" && f.Kind != api.KindURIList {
		a.say("%s", f.Help)
	}
	question.Init()
	question.Focus()
	err := a.prompt(question)
	a.say("")
	return err
}

// promptTitle is a field's label with what an empty answer gives: the value
// it holds, or for an empty link that it is optional, with the example the
// page shows as its placeholder.
func promptTitle(f api.Field, value string) string {
	switch {
	case value != "":
		return f.Label + " [" + validate.Sanitize(value) + "]"
	case f.Kind == api.KindLink:
		return f.Label + " (optional, e.g. " + f.Example + ")"
	}
	return f.Label
}

// linePrompt is a question asked as a line prompt: a huh field, or one of
// ours.
type linePrompt interface {
	RunAccessible(w io.Writer, r io.Reader) error
}

// prompt asks p on the prompts' input and output, and says what ended it as
// check does. huh's numbered prompts (v2.0.3: Select and MultiSelect) take,
// when their input ends or is stopped, the last answer they refused as the
// choice and index their options with it: a number out of range, then ctrl+d
// or ctrl+c, panicked there. That is the end of the input, and said as one;
// a panic with the input still open is not, and goes on.
func (a *Prompts) prompt(p linePrompt) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if interrupted, ended := a.in.state(); !interrupted && !ended {
				panic(r)
			}
			err = a.check(io.ErrUnexpectedEOF)
		}
	}()
	return a.check(p.RunAccessible(a.out, a.in))
}
