package api

import (
	"slices"

	"flexslot-register/validate"
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

// WithDefaults fills what the server fills when it is left out: a
// confidential client with both grant types. The wizard shows these, the
// scripted run sends them, and the sandbox applies them, so all agree.
func (r CreateClientRequest) WithDefaults() CreateClientRequest {
	if r.ClientType == "" {
		r.ClientType = validate.ClientConfidential
	}
	if r.GrantTypes == nil {
		r.GrantTypes = slices.Clone(validate.GrantTypes)
	}
	return r
}

// Validate checks the request with the rules of package validate before anything
// is sent, and reports what blocks it in the server's own terms (field name and
// list index), so a local refusal and a server refusal are shown the same way.
// An empty ClientType or GrantTypes is fine: the server applies its default.
// Near-duplicate redirect URIs are warnings, not errors: see
// validate.RedirectURIs.
func (r CreateClientRequest) Validate() []FieldError {
	var errs []FieldError
	add := func(field string, err error) {
		if err != nil {
			errs = append(errs, FieldError{Field: field, Index: -1, Message: err.Error()})
		}
	}
	add(FieldApplicationName, validate.ApplicationName(r.ApplicationName))
	if r.ClientType != "" {
		add(FieldClientType, validate.ClientType(r.ClientType))
	}
	for _, p := range validate.RedirectURIs(validate.EntriesOf(r.RedirectURIs)) {
		if p.Warning {
			continue
		}
		index := p.Index
		if p.Line == 0 {
			index = -1
		}
		errs = append(errs, FieldError{Field: FieldRedirectURIs, Index: index, Message: p.Message})
	}
	add(FieldAllowedScopes, validate.AllowedScopes(r.AllowedScopes))
	if r.GrantTypes != nil {
		add(FieldGrantTypes, validate.GrantTypeList(r.GrantTypes))
	}
	for _, link := range []struct{ field, value string }{
		{FieldApplicationURL, r.ApplicationURL},
		{FieldApplicationLogoURL, r.ApplicationLogoURL},
		{FieldPrivacyPolicyURL, r.PrivacyPolicyURL},
		{FieldTOSURL, r.TOSURL},
	} {
		add(link.field, validate.OptionalURL(link.value))
	}
	return errs
}
