package sandbox

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"unicode/utf8"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// msgPending is the message of every scope request's answer: the sandbox
// reviews none.
const msgPending = "Received. The sandbox reviews no request: this one stays pending."

// gameScopePattern is the reference page's pattern of a game scope.
var gameScopePattern = regexp.MustCompile(`^[-a-zA-Z0-9_]+$`)

// requestScopes answers POST /me/partner/scope-requests: the body checked
// field by field as DRF's serializer would (the reference page's limits),
// then 202 with the request's id, status and message.
func (s *Server) requestScopes(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodPost) {
		return
	}
	body, ok := readJSONBody(w, r)
	if !ok {
		return
	}
	fields, ok := decodeObject(w, body)
	if !ok {
		return
	}
	d := decoder{fields: fields}
	req := api.ScopeRequest{
		Justification:       d.str("justification", true, validate.MaxJustificationLength, false),
		RequestedScopes:     d.strings("requested_scopes", validate.MaxRequestedScopes, validate.MaxRequestedScopeLen, nil),
		RequestedGameScopes: d.strings("requested_game_scopes", validate.MaxRequestedGameScopes, validate.MaxGameScopeLen, gameScopePattern),
	}
	if !d.failed["justification"] && utf8.RuneCountInString(req.Justification) < validate.MinJustificationLength {
		d.fail("justification", -1, fmt.Sprintf("Ensure this field has at least %d characters.", validate.MinJustificationLength))
	}
	if len(d.errs) == 0 && len(req.RequestedScopes) == 0 && len(req.RequestedGameScopes) == 0 {
		// Not on the reference page, which marks neither list required:
		// a request for nothing is the sandbox's guess at a refusal.
		d.fail(api.NonFieldErrors, -1, "Request at least one scope or game scope.")
	}
	if len(d.errs) > 0 {
		writeFieldErrors(w, d.errs)
		return
	}
	if err := s.change(func() { s.scopeRequests = append(s.scopeRequests, req) }); err != nil {
		writeStateError(w, err)
		return
	}
	writeJSON(w, http.StatusAccepted, api.ScopeRequestAnswer{ID: newUUID(), Status: "pending", Message: msgPending})
}

// strings reads an optional list of strings of at most maxItems items, each
// 1 to maxLen characters and, with a pattern, matching it.
func (d *decoder) strings(field string, maxItems, maxLen int, pattern *regexp.Regexp) []string {
	items := d.list(field, false, true, nil, maxLen)
	if d.failed[field] {
		return nil
	}
	if len(items) > maxItems {
		d.fail(field, -1, fmt.Sprintf("Ensure this field has no more than %d elements.", maxItems))
		return nil
	}
	for i, item := range items {
		if pattern != nil && !d.failed[failKey(field, i)] && !pattern.MatchString(item) {
			d.fail(field, i, "Enter a valid value.")
		}
	}
	return items
}

// ScopeRequests returns the scope requests accepted so far, oldest first.
func (s *Server) ScopeRequests() []api.ScopeRequest {
	s.refresh()
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.scopeRequests)
}

// lackedScopes are the errors of a create that asks for scopes the partner
// account lacks, one for each.
func (s *Server) lackedScopes(scopes []string) []api.FieldError {
	var errs []api.FieldError
	for i, scope := range scopes {
		if !slices.Contains(s.cfg.PartnerScopes, scope) {
			errs = append(errs, api.FieldError{Field: api.FieldAllowedScopes, Index: i,
				Message: fmt.Sprintf("Your partner account does not have the scope %q: request it first (POST /api/public/v1/me/partner/scope-requests).", scope)})
		}
	}
	return errs
}
