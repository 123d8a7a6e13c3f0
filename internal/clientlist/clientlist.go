// Package clientlist shows the partner's OAuth2 clients: as a table for
// people, or as tab-separated lines or JSON for scripts, every value cleaned
// for a terminal.
package clientlist

import (
	"encoding/json"
	"io"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"

	"github.com/flexslot/flexslot-register/api"
)

// Headers are the table's columns.
var Headers = []string{"NAME", "CLIENT ID", "TYPE", "STATUS", "REDIRECT URIS", "SCOPES", "CREATED", "LAST USED"}

// Render shows clients as a table, or, in a terminal narrower than the table
// (width; 0 for no limit), as one block a client, so that no id or URI is
// broken or cut.
func Render(clients []api.OAuth2Client, width int) string {
	t := Table(clients)
	if width == 0 || lipgloss.Width(t) <= width {
		return t
	}
	return Blocks(clients)
}

// Table renders clients as a table, as wide as it needs.
func Table(clients []api.OAuth2Client) string {
	t := table.New().Headers(Headers...).
		Border(lipgloss.NormalBorder()).BorderRow(false).BorderColumn(true).
		StyleFunc(func(row, col int) lipgloss.Style { return lipgloss.NewStyle().Padding(0, 1) })
	for _, c := range clients {
		c = c.Sanitized()
		t.Row(c.ApplicationName, c.ClientID, c.ClientType, c.Status,
			strings.Join(c.RedirectURIs, "\n"), strings.Join(c.AllowedScopes, " "), when(&c.CreatedAt), when(c.LastUsedAt))
	}
	return t.String() + "\n"
}

// Blocks renders clients one block each: the name and client id, then the
// rest, one value a line.
func Blocks(clients []api.OAuth2Client) string {
	var b strings.Builder
	for i, c := range clients {
		c = c.Sanitized()
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(c.ApplicationName + "  " + c.ClientID + "\n")
		row := func(label, value string) {
			b.WriteString("  " + label + strings.Repeat(" ", 15-len(label)) + value + "\n")
		}
		row("type", c.ClientType+" · "+c.Status)
		for j, uri := range c.RedirectURIs {
			label := ""
			if j == 0 {
				label = "redirect URIs"
			}
			row(label, uri)
		}
		row("scopes", orNone(strings.Join(c.AllowedScopes, " ")))
		row("created", when(&c.CreatedAt))
		row("last used", when(c.LastUsedAt))
	}
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// when shows a time to the minute, in the local zone, or "never".
func when(t *time.Time) string {
	if t == nil || t.IsZero() {
		return "never"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// JSON writes clients as the API returned them, cleaned, as one JSON array.
func JSON(w io.Writer, clients []api.OAuth2Client) error {
	clean := make([]api.OAuth2Client, len(clients))
	for i, c := range clients {
		clean[i] = c.Sanitized()
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(clean)
}
