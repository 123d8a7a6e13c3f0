package cli

import (
	"flag"
	"fmt"
	"strings"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// Registration is what the flags and a manifest say of the client to register.
type Registration struct {
	Request api.CreateClientRequest
	// Given names the request fields (JSON names) the flags or the manifest set.
	Given map[string]bool
}

// BindFlags defines a flag for every field of api.Fields on fs, each setting
// its field of r.Request when parsed; a list field's flag repeats.
func BindFlags(fs *flag.FlagSet, r *Registration) {
	if r.Given == nil {
		r.Given = map[string]bool{}
	}
	for _, f := range api.Fields {
		fs.Func(f.Flag, f.Help, func(value string) error {
			if f.IsList() {
				list := f.List(&r.Request)
				*list = append(*list, value)
			} else {
				*f.Text(&r.Request) = value
			}
			r.Given[f.JSON] = true
			return nil
		})
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

// FlagsHelp is the --help text of the registration's flags, from api.Fields.
func FlagsHelp() string {
	var b strings.Builder
	for _, f := range api.Fields {
		help := f.Label + ". " + f.Help
		if len(f.Options) > 0 {
			values := make([]string, len(f.Options))
			for i, o := range f.Options {
				values[i] = o.Value
			}
			help += " One of " + strings.Join(values, ", ") + "."
		}
		if f.Default != nil {
			help += " Default: " + strings.Join(f.Default, " and ") + "."
		}
		if f.IsList() {
			help += " Repeat for more."
		}
		if !f.Required && f.Default == nil && !f.IsList() {
			help += " Optional."
		}
		fmt.Fprintf(&b, "  %-24s%s\n", "--"+f.Flag+" "+f.Arg, wrap(help, 60, 26))
	}
	return b.String()
}

// wrap breaks text into lines of at most width columns, indenting the lines
// after the first.
func wrap(text string, width, indent int) string {
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
	lines = append(lines, line)
	return strings.Join(lines, "\n"+strings.Repeat(" ", indent))
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
	if values := f.Values(req); fe.Index < len(values) {
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
