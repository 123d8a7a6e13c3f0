// Package field holds the wizard's own huh fields: the redirect URI editor
// (RedirectURIsField: a line buffer in redirect_buffer.go, the field's keys in
// redirect_field.go, its drawing in redirect_view.go, its line prompt in
// redirect_accessible.go) and the scopes' and grant types' multi-select
// (ChoicesField), with what they share: the theme and the frame that pads
// their lines.
//
// It imports no screen of the wizard: a field knows the API's field table and
// rules (api, validate) and nothing of the form that holds it.
package field
