package flow

import (
	"context"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
)

// TestJudge: what each answer of the API means, decided once, here, for the
// three front ends: a real create against the sandbox over loopback, one of
// its triggers a row.
func TestJudge(t *testing.T) {
	sb, err := sandbox.Start("127.0.0.1:0", sandbox.Config{PartnerScopes: []string{"decks:read"}})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	client, err := api.New(sb.URL, sb.Token())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, app string
		scopes    []string
		uri       string
		cancel    bool
		want      Kind
		mayExist  bool
		lacked    []string
	}{
		{"a confidential client", "Deck Tracker", nil, "", false, Created, false, nil},
		{"no secret sent", "sandbox:201-no-secret", nil, "", false, CreatedWithoutSecret, false, nil},
		{"an id that is no credential", "sandbox:201-hostile", nil, "", false, NotCredential, false, nil},
		{"a field refused", "Other", nil, "https://taken.sandbox.test/cb", false, Refused, false, nil},
		{"a scope the partner lacks", "Scopes", []string{"decks:read", "decks:write"}, "", false, Refused, false, []string{"decks:write"}},
		{"the token refused", "sandbox:401", nil, "", false, TokenRefused, false, nil},
		{"too many requests", "sandbox:429", nil, "", false, RateLimited, false, nil},
		{"the answer lost on the way back", "sandbox:502-html", nil, "", false, MayExist, true, nil},
		{"a gateway before the API: the tool cannot tell", "sandbox:502-before", nil, "", false, MayExist, true, nil},
		{"the server's own failure: a 5xx may come after the create", "sandbox:500", nil, "", false, MayExist, true, nil},
		{"not allowed", "sandbox:403", nil, "", false, Failed, false, nil},
		{"stopped while it waited", "sandbox:hang", nil, "", true, Cancelled, true, nil},
	}
	partner, err := client.GetPartner(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := api.CreateClientRequest{ApplicationName: tt.app, RedirectURIs: []string{"https://a.example/cb"}, AllowedScopes: []string{"decks:read"}}
			if tt.uri != "" {
				req.RedirectURIs = append(req.RedirectURIs, tt.uri)
			}
			if tt.scopes != nil {
				req.AllowedScopes = tt.scopes
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancel {
				time.AfterFunc(100*time.Millisecond, cancel)
			}
			resp, err := client.CreateOAuth2Client(ctx, req.WithDefaults())
			a := Judge(resp, err, ctx.Err() != nil)
			if a.Kind != tt.want || a.MayExist != tt.mayExist {
				t.Fatalf("Judge = kind %d, may exist %v (%v); want kind %d, may exist %v", a.Kind, a.MayExist, err, tt.want, tt.mayExist)
			}
			if a.Success() != (tt.want == Created) {
				t.Errorf("Success = %v", a.Success())
			}
			switch tt.want {
			case Refused:
				if len(a.Fields) == 0 {
					t.Errorf("no fields refused")
				}
				var lacked []string
				if a.ScopesRefused() {
					lacked = LackedScopes(partner, req.AllowedScopes)
				}
				if len(lacked) != len(tt.lacked) || (len(lacked) > 0 && lacked[0] != tt.lacked[0]) {
					t.Errorf("lacked %v, want %v", lacked, tt.lacked)
				}
			case RateLimited:
				if a.Wait != 30*time.Second {
					t.Errorf("wait %v, want the sandbox's 30s", a.Wait)
				}
			case Created, CreatedWithoutSecret, NotCredential:
				if a.Resp == nil {
					t.Errorf("no response kept")
				}
			}
		})
	}
}
