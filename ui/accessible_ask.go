package ui

import (
	"charm.land/huh/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/ui/field"
	"github.com/flexslot/flexslot-register/validate"
)

// ask asks for the answers a field at a time, on the pages the form would
// show given what was given (see asked; nil: every page), and says what each
// page says: the field's help before its prompt, and what the field holds
// now in the prompt, which an empty answer keeps.
func (a *Accessible) ask(given map[string]bool) error {
	for page := range api.Pages {
		if pageSkipped(page, given) {
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
func (a *Accessible) askField(f api.Field) error {
	r := a.req
	var prompt huh.Field
	switch f.Kind {
	case api.KindText, api.KindLink:
		value := f.Text(r)
		prompt = huh.NewInput().Title(promptTitle(f, *value)).Value(value).Validate(keepOnEmpty(value, f.CheckText))
	case api.KindChoice:
		prompt = huh.NewSelect[string]().Title(promptTitle(f, *f.Text(r))).Options(choiceOptions(f)...).Value(f.Text(r))
	case api.KindMulti:
		prompt = field.NewChoicesField(f.List(r), f.Options).Key(f.JSON).Title(f.Label).Validate(f.CheckList)
	case api.KindURIList:
		prompt = field.NewRedirectURIsField(f.List(r)).Key(f.JSON).Title(f.Label).DescriptionFunc(redirectHelp(f, r))
	}
	if f.Help != "" && f.Kind != api.KindURIList {
		a.say("%s", f.Help)
	}
	prompt.Init()
	prompt.Focus()
	err := a.check(prompt.RunAccessible(a.out, a.in))
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
