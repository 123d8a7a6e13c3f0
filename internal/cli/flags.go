package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// Registration is what the flags and a manifest say of the client to register.
type Registration struct {
	Request api.CreateClientRequest
	// Given names the request fields (JSON names) the flags or the manifest set.
	Given map[string]bool
}

// BindFlags defines on cmd a flag for the fields of api.Fields named in only
// (JSON names; every field without), each setting its field of r.Request
// when parsed (a list field's flag repeats), with its help and the
// completion of its values from the table. A field of fixed values refuses
// any other where it is parsed (see ValueError).
func BindFlags(cmd *cobra.Command, r *Registration, only ...string) {
	if r.Given == nil {
		r.Given = map[string]bool{}
	}
	for _, f := range api.Fields {
		if len(only) > 0 && !slices.Contains(only, f.JSON) {
			continue
		}
		cmd.Flags().Func(f.Flag, fieldHelp(f), func(value string) error {
			if err := checkOption(f, value); err != nil {
				return err
			}
			if f.IsList() {
				list := f.List(&r.Request)
				*list = append(*list, value)
			} else {
				*f.Text(&r.Request) = value
			}
			r.Given[f.JSON] = true
			return nil
		})
		completeField(cmd, f)
	}
}

// Overlay sets in r every field that over gave: flags override a manifest.
func (r *Registration) Overlay(over Registration) {
	if r.Given == nil {
		r.Given = map[string]bool{}
	}
	for _, f := range api.Fields {
		if !over.Given[f.JSON] {
			continue
		}
		if f.IsList() {
			*f.List(&r.Request) = *f.List(&over.Request)
		} else {
			*f.Text(&r.Request) = *f.Text(&over.Request)
		}
		r.Given[f.JSON] = true
	}
}

// BindListFlag defines on cmd the flag of the list field named field (a JSON
// name) for another use of the same values, test-login's --scope: each use
// appends to list. The help and the completion are the field's.
func BindListFlag(cmd *cobra.Command, field string, list *[]string, help string) {
	f, ok := api.FieldNamed(field)
	if !ok || !f.IsList() {
		panic("cli: no list field " + field)
	}
	cmd.Flags().Func(f.Flag, help+" "+choices(f), func(value string) error {
		if err := checkOption(f, value); err != nil {
			return err
		}
		*list = append(*list, value)
		return nil
	})
	completeField(cmd, f)
}

// checkOption refuses a value that is not one of a field's fixed values,
// in the words of the field's own rule, which the form shows too; nil for a
// field that takes any value.
func checkOption(f api.Field, value string) error {
	if len(f.Options) == 0 {
		return nil
	}
	values := make([]string, len(f.Options))
	for i, o := range f.Options {
		values[i] = o.Value
	}
	if slices.Contains(values, value) {
		return nil
	}
	err := f.CheckText(value)
	if f.IsList() {
		err = f.CheckList([]string{value})
	}
	if err != nil {
		return &ValueError{Flag: f.Flag, Words: err.Error(), Near: nearest(value, values)}
	}
	return notOneOf(f.Flag, value, values)
}

// notOneOf refuses value for the flag name, which takes one of values,
// naming the nearest; a value that holds a token is not repeated
// (validate.NoToken's words instead), since a token is a password.
func notOneOf(name, value string, values []string) *ValueError {
	if err := validate.NoToken(value); err != nil {
		return &ValueError{Flag: name, Words: err.Error()}
	}
	return &ValueError{Flag: name, Words: fmt.Sprintf("%q is not one of %s", value, strings.Join(values, ", ")), Near: nearest(value, values)}
}

// StringEnumFlag defines on cmd a flag that sets *p to one of values
// (default value first), after GitHub CLI's flag of that name: any other
// value is refused where it is parsed, naming the values and the nearest
// one (see ValueError), so no run starts with a value it would refuse late.
func StringEnumFlag(cmd *cobra.Command, p *string, name, value string, values []string, usage string) *pflag.Flag {
	*p = value
	cmd.Flags().Var(&enumValue{p: p, name: name, values: values}, name, usage)
	return cmd.Flags().Lookup(name)
}

// enumValue is a flag's value that must be one of values.
type enumValue struct {
	p      *string
	name   string
	values []string
}

// Set takes value when it is one of the values.
func (e *enumValue) Set(value string) error {
	if !slices.Contains(e.values, value) {
		return notOneOf(e.name, value, e.values)
	}
	*e.p = value
	return nil
}

// String is the value.
func (e *enumValue) String() string { return *e.p }

// Type is what --help would say the flag takes: text, as for any string.
func (e *enumValue) Type() string { return "string" }

// completeField completes the values of a field that has a fixed set of
// them, each with its help; other values complete to nothing rather than to
// file names.
func completeField(cmd *cobra.Command, f api.Field) {
	complete := func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		values := make([]cobra.Completion, len(f.Options))
		for i, o := range f.Options {
			values[i] = cobra.CompletionWithDesc(o.Value, o.Help)
		}
		return values, cobra.ShellCompDirectiveNoFileComp
	}
	if err := cmd.RegisterFlagCompletionFunc(f.Flag, complete); err != nil {
		panic(err) // a flag bound twice: a programming error
	}
}

// fieldHelp is the --help text of a field's flag, from api.Fields
// (WrapUsages wraps it).
func fieldHelp(f api.Field) string {
	help := f.Label + ". " + f.Help + " " + choices(f)
	if f.Default != nil {
		help += " Default: " + strings.Join(f.Default, " and ") + "."
	}
	if f.IsList() {
		help += " Repeat for more."
	}
	if !f.Required && f.Default == nil && !f.IsList() {
		help += " Optional."
	}
	return help
}

// choices says the values a field takes, "" when any value goes.
func choices(f api.Field) string {
	if len(f.Options) == 0 {
		return ""
	}
	values := make([]string, len(f.Options))
	for i, o := range f.Options {
		values[i] = o.Value
	}
	return "One of " + strings.Join(values, ", ") + "."
}

// HelpWidth is the width of a flag's help text: with the flag names before
// it (a command with its arguments is as wide), --help fits in 80 columns.
const HelpWidth = 43

// WrapUsages breaks the help text of each of cmd's flags into lines of at
// most HelpWidth columns, leaving room on the last line for the default
// value that fang's --help adds to it, by fang's rule: " (45s)".
func WrapUsages(cmd *cobra.Command) {
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		reserve := 0
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			reserve = len(" (" + f.DefValue + ")")
		}
		f.Usage = wrap(f.Usage, reserve)
	})
}

// wrap breaks text into lines of at most HelpWidth columns, the last of
// them reserve columns shorter.
func wrap(text string, reserve int) string {
	lines := Lines(text, HelpWidth)
	line := lines[len(lines)-1]
	if line != "" && len(line)+reserve > HelpWidth {
		if i := strings.LastIndex(line, " "); i > 0 {
			lines = append(lines[:len(lines)-1], line[:i], line[i+1:])
		}
	}
	return strings.Join(lines, "\n")
}

// Lines breaks text at its spaces into lines of at most width columns (a
// word longer than width has a line of its own); at least one line.
func Lines(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = word
			continue
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	return append(lines, line)
}

// FlagOf names the flag a field error is about, for messages: "--redirect-uri
// #2 (https://…)" for a list item. A field no flag sets gives "".
func FlagOf(req api.CreateClientRequest, fe api.FieldError) string {
	f, ok := api.FieldNamed(fe.Field)
	if !ok {
		return ""
	}
	name := "--" + f.Flag
	if fe.Index < 0 {
		return name
	}
	// A value that holds a token is not repeated: the token is a password.
	if values := f.Values(req); fe.Index < len(values) && !validate.HoldsToken(values[fe.Index]) {
		return fmt.Sprintf("%s #%d (%s)", name, fe.Index+1, validate.Sanitize(values[fe.Index]))
	}
	return fmt.Sprintf("%s #%d", name, fe.Index+1)
}

// CheckGiven validates what the flags and the manifest gave, with the form's
// own messages naming the flags; nil when nothing is wrong.
func CheckGiven(r Registration) error {
	var problems []string
	for _, fe := range r.Request.Validate() {
		if r.Given[fe.Field] {
			problems = append(problems, FlagOf(r.Request, fe)+": "+fe.Message)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return Usage(fmt.Errorf("%s", strings.Join(problems, "\nflexslot-register: ")))
}

// Missing lists the flags of required values nobody gave.
func Missing(req api.CreateClientRequest) []string {
	var missing []string
	for _, f := range api.Fields {
		values := f.Values(req)
		if f.Required && (len(values) == 0 || strings.TrimSpace(values[0]) == "") {
			missing = append(missing, "--"+f.Flag)
		}
	}
	return missing
}
