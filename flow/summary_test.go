package flow_test

import (
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// TestSummaryNamesOnlyCredentials: the summary names the client and its
// rotate command only when the server's id and secret are credentials; else
// it says why nothing is shown, and names nothing a person could paste.
func TestSummaryNamesOnlyCredentials(t *testing.T) {
	const id, secret = "cli_01M8AFQYJ95QRGTBTX99ZZWN6K", "xYHkjgcNDlP6dzJXEm1wgmWj9-492CCl70p-Gh7dp5w"
	tests := []struct {
		name       string
		id, secret string
		want       []string
		absent     []string
	}{
		{"credentials", id, secret, []string{"client id      " + id, "NOT SAVED: rotate it to get a new one: flexslot-register rotate " + id}, []string{secret}},
		{"an id that would run code", "cli_$(touch x)", secret, []string{advice.NotCredential()}, []string{"touch", "rotate cli_", secret}},
		{"a secret with a line break", id, "s\nPATH=/tmp", []string{advice.NotCredential()}, []string{id, "PATH"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := flow.Result{Outcome: flow.OutcomeRegistered, Created: &api.CreateClientResponse{
				Client:                api.OAuth2Client{ClientID: tt.id, ApplicationName: "Deck Tracker", ClientType: "confidential"},
				PlaintextClientSecret: api.Secret(tt.secret)}}
			uitest.WantText(t, r.Summary(), tt.want, tt.absent)
		})
	}
}
