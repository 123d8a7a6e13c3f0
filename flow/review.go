package flow

import (
	"cmp"
	"strings"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/golive"
	"github.com/flexslot/flexslot-register/validate"
)

// PreflightTimeout bounds the pre-flight's calls (the token's metadata and
// the partner) on every front end.
const PreflightTimeout = 15 * time.Second

// ReviewRow is one line of the review: a label (empty under a list's first
// item) and a value.
type ReviewRow struct {
	Label, Value string
	// field and index say what the row shows: a request field, and an item
	// of a list field (-1 for a field of one value).
	Field string
	Index int
}

// ReviewRows lists what will be sent, field by field from api.Fields, for the
// review screen and the line prompts' review alike. Values are cleaned for the
// terminal: a manifest's may hold anything.
func ReviewRows(r api.CreateClientRequest) []ReviewRow {
	var rows []ReviewRow
	for _, f := range api.Fields {
		values := f.Values(r)
		switch {
		case f.Kind == api.KindURIList:
			for i, v := range values {
				label := ""
				if i == 0 {
					label = f.Label
				}
				rows = append(rows, ReviewRow{label, validate.Sanitize(v), f.JSON, i})
			}
		case f.Kind == api.KindChoice && len(values) == 1 && f.OptionNote(values[0]) != "":
			rows = append(rows, ReviewRow{f.Label, validate.Sanitize(values[0]) + " (" + f.OptionNote(values[0]) + ")", f.JSON, -1})
		default:
			rows = append(rows, ReviewRow{f.Label, cmp.Or(validate.Sanitize(strings.Join(values, " ")), "(none)"), f.JSON, -1})
		}
	}
	return rows
}

// LinksSummary is the go-live check's outcome in a sentence: skipped (why),
// offline, clean, or how many warnings; "" with nothing checked.
func LinksSummary(skipped string, r *golive.Report) string {
	switch {
	case skipped != "":
		return skipped
	case r != nil && r.Offline:
		return "No network here: the links and hosts players will see were not checked."
	case r == nil || r.Checked == 0:
		return ""
	case len(r.Findings) == 0:
		return "✓ Looked at " + r.Looked() + " players will see: each answers."
	}
	return "! The go-live check gives " + r.Warnings() + ", beside the fields above; you may register all the same."
}
