package api

import (
	"slices"

	"github.com/flexslot/flexslot-register/validate"
)

// Request fields, as the server names them in the body and in its errors.
const (
	FieldApplicationName    = "application_name"
	FieldRedirectURIs       = "redirect_uris"
	FieldAllowedScopes      = "allowed_scopes"
	FieldClientType         = "client_type"
	FieldGrantTypes         = "grant_types"
	FieldApplicationURL     = "application_url"
	FieldApplicationLogoURL = "application_logo_url"
	FieldPrivacyPolicyURL   = "privacy_policy_url"
	FieldTOSURL             = "tos_url"
)

// Kind is how a field is entered; the form picks its widget by it.
type Kind int

// Kinds of field.
const (
	// KindText is one line of text.
	KindText Kind = iota
	// KindChoice is one of Options.
	KindChoice
	// KindURIList is the redirect URI list, edited line by line.
	KindURIList
	// KindMulti is any of Options, each once.
	KindMulti
	// KindLink is an optional https link.
	KindLink
)

// Choice is one value a choice or multi field offers, with what it means.
type Choice struct {
	Value string
	// Help says what the value means, where it is chosen.
	Help string
	// Note is a shorter Help, beside the chosen value on the review; "" for none.
	Note string
	// Implies is the value this one includes, as decks:write includes
	// decks:read; "" for none.
	Implies string
}

// Field describes one field of the registration: its names in JSON, on the
// command line and on screen, where the form asks for it, and its rule. The
// flags, the manifest, the form, the review, the scripted run's messages and
// --help all read Fields, so adding a field is a row here (and its rule).
type Field struct {
	// JSON is the request's field name, as the server uses it in errors too.
	JSON string
	// Flag is the command-line flag, without dashes; a list field's flag repeats.
	Flag string
	// Arg names the flag's value in --help, e.g. "URI".
	Arg string
	// Label names the field on every screen.
	Label string
	// Page is the form page that asks for it (0-based, see Pages).
	Page int
	// Help says what the field is for: the form's description and --help's
	// line; "" for a field whose label and options say enough.
	Help string
	// Example is a sample value, shown as a placeholder.
	Example string
	// Kind picks the widget.
	Kind Kind
	// Options are the values of a choice or multi field, in the server's order.
	Options []Choice
	// Required fields must be given before anything can be sent.
	Required bool
	// Default is what the server applies when the field is left out (nil: none).
	Default []string

	text func(*CreateClientRequest) *string
	list func(*CreateClientRequest) *[]string
	// textRule checks a text value; listRule a list as a whole.
	textRule func(string) error
	listRule func([]string) error
}

// CheckText checks a value of a text field with the field's rule, as it is
// typed; nil for a list field.
func (f Field) CheckText(value string) error {
	if f.textRule == nil {
		return nil
	}
	return f.textRule(value)
}

// CheckList checks a list field's value as a whole; nil for a text field and
// for the redirect URIs, which are checked line by line (validate.RedirectURIs).
func (f Field) CheckList(values []string) error {
	if f.listRule == nil {
		return nil
	}
	return f.listRule(values)
}

// IsList reports whether the field holds a list (a repeated flag, a JSON array).
func (f Field) IsList() bool { return f.list != nil }

// Text returns the address of a text field's value in r; nil for a list field.
func (f Field) Text(r *CreateClientRequest) *string {
	if f.text == nil {
		return nil
	}
	return f.text(r)
}

// List returns the address of a list field's value in r; nil for a text field.
func (f Field) List(r *CreateClientRequest) *[]string {
	if f.list == nil {
		return nil
	}
	return f.list(r)
}

// Values returns the field's value in r as a list: one item for a set text field.
func (f Field) Values(r CreateClientRequest) []string {
	if f.list != nil {
		return *f.list(&r)
	}
	if v := *f.text(&r); v != "" {
		return []string{v}
	}
	return nil
}

// OptionNote returns the short note of an option of the field, or "".
func (f Field) OptionNote(value string) string {
	for _, o := range f.Options {
		if o.Value == value {
			return o.Note
		}
	}
	return ""
}

// Check returns the field's problems in r, in the server's terms: a list item's
// problem carries its index. A field left empty that the server defaults is fine.
func (f Field) Check(r CreateClientRequest) []FieldError {
	whole := func(err error) []FieldError {
		if err == nil {
			return nil
		}
		return []FieldError{{Field: f.JSON, Index: -1, Message: err.Error()}}
	}
	switch {
	case f.Kind == KindURIList:
		var errs []FieldError
		for _, p := range validate.RedirectURIs(validate.EntriesOf(*f.list(&r))) {
			if p.Warning {
				continue
			}
			index := p.Index
			if p.Line == 0 {
				index = -1
			}
			errs = append(errs, FieldError{Field: f.JSON, Index: index, Message: p.Message})
		}
		return errs
	case f.list != nil:
		values := *f.list(&r)
		if values == nil && f.Default != nil {
			return nil
		}
		return whole(f.listRule(values))
	default:
		value := *f.text(&r)
		if value == "" && f.Default != nil {
			return nil
		}
		return whole(f.textRule(value))
	}
}

// Pages are the form's pages, in order; Field.Page indexes them.
var Pages = []string{"Application", "Redirect URIs", "Access", "Links"}

// scopeOptions say what each scope grants, in the words of the public docs
// (docs.flexslot.gg/oauth/scopes), short enough for a 60-column terminal.
var scopeOptions = []Choice{
	{Value: "cards:read", Help: "look up cards in the database"},
	{Value: "decks:read", Help: "list and read the user's decks"},
	{Value: "decks:write", Help: "create/update/delete decks", Implies: "decks:read"},
	{Value: "exports:read", Help: "Excel/DOCX/PDF of decks, guides"},
	{Value: "guides:read", Help: "read sideboard guides"},
	{Value: "guides:write", Help: "create/update/delete guides", Implies: "guides:read"},
	{Value: "sideboards:read", Help: "list and read sideboards"},
	{Value: "sideboards:write", Help: "create/update/delete sideboards", Implies: "sideboards:read"},
}

// Fields is the registration, field by field, in the form's order.
var Fields = []Field{
	{
		JSON: FieldApplicationName, Flag: "name", Arg: "NAME", Label: "Application name", Page: 0,
		Help: "Shown to players when they sign in with flexslot.", Kind: KindText, Required: true,
		text:     func(r *CreateClientRequest) *string { return &r.ApplicationName },
		textRule: validate.ApplicationName,
	},
	{
		JSON: FieldClientType, Flag: "client-type", Arg: "TYPE", Label: "Client type", Page: 0,
		Kind: KindChoice,
		Options: []Choice{
			{Value: validate.ClientConfidential, Help: "runs on a server you control; gets a secret, shown once", Note: "gets a secret, shown once"},
			{Value: validate.ClientPublic, Help: "a CLI, native app or SPA; no secret, PKCE only", Note: "no secret, PKCE only"},
		},
		Default:  []string{validate.ClientConfidential},
		text:     func(r *CreateClientRequest) *string { return &r.ClientType },
		textRule: validate.ClientType,
	},
	{
		JSON: FieldRedirectURIs, Flag: "redirect-uri", Arg: "URI", Label: "Redirect URIs", Page: 1,
		Help:    "Where users return after signing in: https, or http on a loopback address.",
		Example: "https://decktracker.example/oauth/callback", Kind: KindURIList, Required: true,
		list: func(r *CreateClientRequest) *[]string { return &r.RedirectURIs },
	},
	{
		JSON: FieldAllowedScopes, Flag: "scope", Arg: "SCOPE", Label: "Scopes", Page: 2,
		Help: "What the client may ask for; a sign-in needs one; write includes read.",
		Kind: KindMulti, Options: scopeOptions,
		list:     func(r *CreateClientRequest) *[]string { return &r.AllowedScopes },
		listRule: validate.AllowedScopes,
	},
	{
		JSON: FieldGrantTypes, Flag: "grant-type", Arg: "GRANT", Label: "Grant types", Page: 2,
		Kind: KindMulti,
		Options: []Choice{
			{Value: validate.GrantAuthorizationCode, Help: "sign users in (required)"},
			{Value: validate.GrantRefreshToken, Help: "keep users signed in"},
		},
		Default:  validate.GrantTypes,
		list:     func(r *CreateClientRequest) *[]string { return &r.GrantTypes },
		listRule: validate.GrantTypeList,
	},
	link(FieldApplicationURL, "app-url", "Application URL", "https://decktracker.example",
		func(r *CreateClientRequest) *string { return &r.ApplicationURL }),
	link(FieldApplicationLogoURL, "logo-url", "Logo URL", "https://decktracker.example/logo.png",
		func(r *CreateClientRequest) *string { return &r.ApplicationLogoURL }),
	link(FieldPrivacyPolicyURL, "privacy-url", "Privacy policy URL", "https://decktracker.example/privacy",
		func(r *CreateClientRequest) *string { return &r.PrivacyPolicyURL }),
	link(FieldTOSURL, "tos-url", "Terms of service URL", "https://decktracker.example/terms",
		func(r *CreateClientRequest) *string { return &r.TOSURL }),
}

// link is an optional link on the last page.
func link(json, flag, label, example string, value func(*CreateClientRequest) *string) Field {
	return Field{JSON: json, Flag: flag, Arg: "URL", Label: label, Page: 3, Example: example,
		Kind: KindLink, text: value, textRule: validate.OptionalURL}
}

// FieldNamed returns the field whose JSON name is name.
func FieldNamed(name string) (Field, bool) {
	i := fieldOrder(name)
	if i < 0 {
		return Field{}, false
	}
	return Fields[i], true
}

// PageOf returns the form page of a request field, or -1 for a name that is
// not one (such as NonFieldErrors).
func PageOf(name string) int {
	if f, ok := FieldNamed(name); ok {
		return f.Page
	}
	return -1
}

// FieldsOn returns the fields of one form page.
func FieldsOn(page int) []Field {
	var out []Field
	for _, f := range Fields {
		if f.Page == page {
			out = append(out, f)
		}
	}
	return out
}

// WithDefaults fills what the server fills when it is left out (Field.Default):
// a confidential client with both grant types. The wizard shows these, the
// scripted run sends them, and the sandbox applies them, so all agree.
func (r CreateClientRequest) WithDefaults() CreateClientRequest {
	for _, f := range Fields {
		switch {
		case f.Default == nil:
		case f.list != nil && *f.list(&r) == nil:
			*f.list(&r) = slices.Clone(f.Default)
		case f.text != nil && *f.text(&r) == "":
			*f.text(&r) = f.Default[0]
		}
	}
	return r
}

// Validate checks the request with the rules of package validate before anything
// is sent, and reports what blocks it in the server's own terms (field name and
// list index), so a local refusal and a server refusal are shown the same way.
// Near-duplicate redirect URIs are warnings, not errors: see
// validate.RedirectURIs.
func (r CreateClientRequest) Validate() []FieldError {
	var errs []FieldError
	for _, f := range Fields {
		errs = append(errs, f.Check(r)...)
	}
	return errs
}

// ServerProblems is Validate as the server judges the request: without the
// tool's own refusal of a value that holds a personal access token
// (validate.NoToken), which the API does not document. Each value is judged
// with the token's shape masked (validate.MaskTokens), so its other problems
// still count. The sandbox answers with these.
func (r CreateClientRequest) ServerProblems() []FieldError {
	for _, f := range Fields {
		if f.list != nil {
			values := slices.Clone(*f.list(&r))
			for i, v := range values {
				values[i] = validate.MaskTokens(v)
			}
			*f.list(&r) = values
		} else {
			*f.text(&r) = validate.MaskTokens(*f.text(&r))
		}
	}
	return r.Validate()
}

// fieldOrder is the position of a request field in Fields, or -1.
func fieldOrder(name string) int {
	return slices.IndexFunc(Fields, func(f Field) bool { return f.JSON == name })
}
