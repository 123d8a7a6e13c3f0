package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api"
)

// TestScopeRequestBody: the endpoint checks the body by the reference page's
// limits, field by field as DRF does, and keeps only what it accepted.
func TestScopeRequestBody(t *testing.T) {
	sb, base := serve(t, Config{})
	target := base + api.ScopeRequestsPath
	long := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		name   string
		body   string
		status int
		want   string // in the answer's body
	}{
		{"accepted", `{"justification":"Players export their decks to PDF.","requested_scopes":["exports:read"]}`, 202, `"status":"pending"`},
		{"game scopes only", `{"justification":"We add Lorcana decks next month.","requested_game_scopes":["lorcana"]}`, 202, `"id":"`},
		{"no justification", `{"requested_scopes":["exports:read"]}`, 400, `"justification":["This field is required."]`},
		{"short justification", `{"justification":"because","requested_scopes":["exports:read"]}`, 400, `at least 10 characters`},
		{"long justification", `{"justification":"` + long(2001) + `","requested_scopes":["exports:read"]}`, 400, `no more than 2000 characters`},
		{"nothing asked", `{"justification":"Players export their decks."}`, 400, `"non_field_errors":["Request at least one scope or game scope."]`},
		{"21 scopes", `{"justification":"Players export their decks.","requested_scopes":[` + strings.Repeat(`"a",`, 20) + `"a"]}`, 400, `no more than 20 elements`},
		{"65-character scope", `{"justification":"Players export their decks.","requested_scopes":["` + long(65) + `"]}`, 400, `no more than 64 characters`},
		{"blank scope", `{"justification":"Players export their decks.","requested_scopes":[""]}`, 400, `may not be blank`},
		{"game scope pattern", `{"justification":"Players export their decks.","requested_game_scopes":["mtg:arena"]}`, 400, `"requested_game_scopes":{"0":["Enter a valid value."]}`},
		{"11 game scopes", `{"justification":"Players export their decks.","requested_game_scopes":[` + strings.Repeat(`"g",`, 10) + `"g"]}`, 400, `no more than 10 elements`},
		{"not an object", `["exports:read"]`, 400, `Expected a dictionary`},
	}
	accepted := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := call(t, http.MethodPost, target, sb.Token(), "application/json", tt.body)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("%d %s, want %d with %s", status, body, tt.status, tt.want)
			}
			if status == http.StatusAccepted {
				accepted++
			}
		})
	}
	if got := len(sb.ScopeRequests()); got != accepted {
		t.Errorf("the sandbox kept %d requests, accepted %d", got, accepted)
	}
	if status, _, _ := call(t, http.MethodPost, target, "", "application/json", tests[0].body); status != http.StatusUnauthorized {
		t.Errorf("without a token: %d, want 401", status)
	}
}

// TestPartnerLackingScopes: a partner without a scope has it missing from GET
// /me/partner, its clients may not ask for it (a field error at the item of
// allowed_scopes), and a scope request through api.Client is what is kept.
func TestPartnerLackingScopes(t *testing.T) {
	sb, base := serve(t, Config{PartnerScopes: []string{"cards:read", "decks:read"}})
	client, err := api.New(strings.TrimSuffix(base, api.APIPrefix), sb.Token())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	partner, err := client.GetPartner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(partner.Scopes, []string{"cards:read", "decks:read"}) {
		t.Errorf("the partner's scopes: %v", partner.Scopes)
	}
	_, err = client.CreateOAuth2Client(ctx, api.CreateClientRequest{ApplicationName: "Deck Tracker",
		RedirectURIs: []string{"https://decktracker.example/cb"}, AllowedScopes: []string{"decks:read", "exports:read"}})
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || len(apiErr.Fields) != 1 || apiErr.Fields[0].Field != api.FieldAllowedScopes ||
		apiErr.Fields[0].Index != 1 || !strings.Contains(apiErr.Fields[0].Message, `"exports:read"`) {
		t.Fatalf("a create asking for a scope the partner lacks: %v", err)
	}
	if len(sb.Clients()) != 0 {
		t.Error("the refused client was created")
	}
	req := api.ScopeRequest{Justification: "Players export their decks to PDF.", RequestedScopes: []string{"exports:read"}}
	answer, err := client.RequestScopes(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if answer.Status != "pending" || answer.ID == "" || answer.Message == "" {
		t.Errorf("answer: %+v", answer)
	}
	if kept := sb.ScopeRequests(); len(kept) != 1 || !slices.Equal(kept[0].RequestedScopes, req.RequestedScopes) || kept[0].Justification != req.Justification {
		t.Errorf("the sandbox kept %+v", kept)
	}
	// The body sent has no requested_game_scopes when there are none.
	data, _ := json.Marshal(req)
	if strings.Contains(string(data), "game") {
		t.Errorf("the request sends %s", data)
	}
}
