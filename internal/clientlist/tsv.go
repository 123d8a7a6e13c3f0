package clientlist

import (
	"io"
	"strings"
	"time"

	"github.com/flexslot/flexslot-register/api"
)

// Columns names the fields of a line of TSV, in order: what `list --help`
// and the README list, and what `cut -f` counts from 1.
var Columns = []string{"client id", "name", "type", "status", "scopes", "redirect URIs", "created", "last used"}

// TSV writes clients for a script, as gh does when stdout is not a terminal:
// one client a line, its Columns separated by tabs, with no header, box or
// colour. Scopes and redirect URIs are separated by spaces; times are RFC
// 3339 in UTC, and the last-used field of a client never used is empty.
// Every value is cleaned (validate.Sanitize), which turns a tab or a line
// break inside it into a space, so a value never splits a field or a line.
// It writes once, nothing for no clients.
func TSV(w io.Writer, clients []api.OAuth2Client) error {
	var b strings.Builder
	for _, c := range clients {
		c = c.Sanitized()
		fields := []string{c.ClientID, c.ApplicationName, c.ClientType, c.Status,
			strings.Join(c.AllowedScopes, " "), strings.Join(c.RedirectURIs, " "), rfc3339(&c.CreatedAt), rfc3339(c.LastUsedAt)}
		b.WriteString(strings.Join(fields, "\t") + "\n")
	}
	if b.Len() == 0 {
		return nil
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// rfc3339 is t in RFC 3339 in UTC, or "" for no time.
func rfc3339(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
