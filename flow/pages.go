package flow

import "github.com/flexslot/flexslot-register/api"

// Asked reports whether a front end asks for a field (a form page or a line
// prompt), given what flags or a
// manifest gave. A run given nothing walks every page. A run given values
// asks only for what is missing: a field given, a field the server defaults
// (the client type, the grant types) and an optional one (the links) count as
// answered. The scopes are neither: a client without one can sign nobody in,
// so they are asked for until given. The review's edit opens every page.
func Asked(f api.Field, given map[string]bool) bool {
	if len(given) == 0 {
		return true
	}
	return !given[f.JSON] && f.Default == nil && f.Kind != api.KindLink
}

// PageSkipped reports whether a page asks for nothing.
func PageSkipped(page int, given map[string]bool) bool {
	for _, f := range api.FieldsOn(page) {
		if Asked(f, given) {
			return false
		}
	}
	return true
}

// AllSkipped reports whether every page asks for nothing: the form is not
// shown at all.
func AllSkipped(given map[string]bool) bool {
	for page := range api.Pages {
		if !PageSkipped(page, given) {
			return false
		}
	}
	return true
}
