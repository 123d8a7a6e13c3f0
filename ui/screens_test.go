package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/golive"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// toPage walks a form whose earlier pages are valid to page n (1 to 4).
func (d *driver) toPage(n int) {
	d.t.Helper()
	d.wait("Application name")
	d.fromNameToPage(n)
}

// fromNameToPage walks from the application name, focused, to page n.
func (d *driver) fromNameToPage(n int) {
	d.t.Helper()
	if n >= 2 {
		d.send(keyEnter, "┃ Client type")
		d.send(keyEnter, "Redirect URIs · 2 of 4")
	}
	if n >= 3 {
		d.send(keyTab, "Access · 3 of 4")
	}
	if n >= 4 {
		d.send(keyEnter, "┃ Grant types")
		d.send(keyEnter, "Links · 4 of 4")
	}
}

// linksToReview walks the links page to the review screen.
func (d *driver) linksToReview() {
	d.t.Helper()
	for _, next := range []string{"┃ Logo URL", "┃ Privacy policy URL", "┃ Terms of service URL", "nothing has been sent yet"} {
		d.send(keyEnter, next)
	}
}

// toReview walks a pre-filled form to the review screen.
func (d *driver) toReview() {
	d.t.Helper()
	d.toPage(4)
	d.linksToReview()
}

// toResult walks a pre-filled form to the result screen.
func (d *driver) toResult() {
	d.t.Helper()
	d.toReview()
	d.send(keyEnter, "✓ Registered")
}

// TestScreens snapshots every screen and state at 80x24 without colours
// (testdata/TestScreens/*.golden; regenerate with go test ./ui -run TestScreens -update
// and read the diff as the user would read the screen).
func TestScreens(t *testing.T) {
	validation := func(fields ...api.FieldError) error {
		return &api.Error{Op: "create client", StatusCode: 400, Message: "refused (400 Bad Request)", Fields: fields}
	}
	tests := []struct {
		name  string
		setup func(*uitest.StubAPI, *flow.Config)
		drive func(*driver)
		want  string // text the snapshot must hold, checked besides the golden
	}{
		{"token_prompt", func(_ *uitest.StubAPI, c *flow.Config) { c.Token = "" },
			func(d *driver) { d.wait("Personal access token") }, "flx_pat_…"},
		{"token_refused", func(s *uitest.StubAPI, _ *flow.Config) {
			s.TokenErr = &api.Error{StatusCode: 401, Message: "Invalid token. (401 Unauthorized)"}
		}, func(d *driver) { d.wait("refused this token") }, "Personal access token"},
		{"keep_token_offer", func(_ *uitest.StubAPI, c *flow.Config) { c.Token, c.KeepToken = "", keptInKeychain },
			func(d *driver) { d.typeToken(typedToken, "Keep this token for") }, "y keep it"},
		{"keep_token_kept", func(_ *uitest.StubAPI, c *flow.Config) { c.Token, c.KeepToken = "", keptInKeychain },
			func(d *driver) {
				d.typeToken(typedToken, "Keep this token for")
				d.send(keyY, "✓ The token is kept in")
			}, "enter go on"},
		{"partner_suspended", func(s *uitest.StubAPI, _ *flow.Config) { s.Partner.Status = api.StatusSuspended },
			func(d *driver) { d.wait("suspended") }, "Contact partner support"},
		{"preflight_network_error", func(s *uitest.StubAPI, _ *flow.Config) {
			s.TokenErr = &api.Error{Op: "check token", Message: "could not connect to api.flexslot.gg: connection refused", Err: errBoom}
		}, func(d *driver) { d.wait("connection refused") }, "r retry"},
		{"preflight_no_partner_access", func(s *uitest.StubAPI, _ *flow.Config) {
			s.PartnerErr = &api.Error{Op: api.OpGetPartner, StatusCode: 404, Message: "Not found. (404 Not Found)"}
		}, func(d *driver) { d.wait("no partner access") }, "apply for partner access"},
		{"header_partner_slug", func(s *uitest.StubAPI, _ *flow.Config) { s.Partner.Name, s.Partner.Slug = "", "acme-decks" },
			func(d *driver) { d.wait("Application name") }, "partner acme-decks (active"},
		{"rotate_picker", func(s *uitest.StubAPI, c *flow.Config) {
			c.Mode = flow.ModeRotate
			s.Clients = exampleClients()
		}, func(d *driver) {
			d.wait("Which client gets a new secret?")
			d.send(keyDown, "> Sideboard Sync")
		}, "enter new secret for it"},
		{"rotate_confirm", func(s *uitest.StubAPI, c *flow.Config) {
			c.Mode = flow.ModeRotate
			s.Clients = exampleClients()
		}, func(d *driver) {
			d.wait("Which client gets a new secret?")
			d.send(keyEnter, "Give \"Deck Tracker\"")
		}, "apps that use it need the new one"},
		{"rotate_result", func(s *uitest.StubAPI, c *flow.Config) {
			c.Mode, c.ClientID = flow.ModeRotate, uitest.ExampleClientID
			s.Clients = exampleClients()
		}, func(d *driver) {
			d.wait("Give \"Deck Tracker\"")
			d.send(keyEnter, "Client ID")
		}, uitest.ExampleSecret},
		{"rotate_public_refused", func(s *uitest.StubAPI, c *flow.Config) {
			c.Mode, c.ClientID = flow.ModeRotate, "cli_01EXAMPLE0PUBL1C000000000"
			s.Clients = exampleClients()
		}, func(d *driver) { d.wait("is a public client") }, "no secret to rotate"},
		{"rotate_none", func(s *uitest.StubAPI, c *flow.Config) { c.Mode = flow.ModeRotate },
			func(d *driver) { d.wait("no confidential clients") }, "q quit"},
		{"form_application", nil, func(d *driver) { d.wait("Application name") }, "Application name"},
		{"form_application_near_limit", func(_ *uitest.StubAPI, c *flow.Config) {
			c.Request.ApplicationName = strings.Repeat("Deck ", 41) + "Track"
		},
			func(d *driver) { d.wait("210/255 characters") }, "210/255 characters"},
		{"form_application_error", nil, func(d *driver) {
			d.wait("Application name")
			d.send(keyEnter, "Enter an application name.")
		}, "Enter an application name."},
		{"form_redirect_uris", func(_ *uitest.StubAPI, c *flow.Config) { c.Request.ApplicationName = "Deck Tracker" }, func(d *driver) {
			d.toPage(2)
		}, "0 URIs"},
		{"form_redirect_uris_public", func(_ *uitest.StubAPI, c *flow.Config) {
			c.Request.ApplicationName, c.Request.ClientType = "Deck CLI", "public"
		}, func(d *driver) {
			d.toPage(2)
		}, "http://127.0.0.1:8765/callback"},
		{"form_redirect_uris_errors", func(_ *uitest.StubAPI, c *flow.Config) {
			c.Request.ApplicationName = "Deck Tracker"
			c.Request.RedirectURIs = []string{"https://decktracker.example/cb", "com.example.app:/cb", "https://*.example.com/cb", "https://decktracker.example/cb/"}
		}, func(d *driver) {
			d.toPage(2)
			d.send(keyTab, "Fix the 2 redirect URIs marked ✗ first.")
		}, "only by a trailing slash"},
		{"form_access", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
		}, func(d *driver) {
			d.toPage(3)
		}, "✓ decks:write"},
		{"form_access_api_header", func(s *uitest.StubAPI, c *flow.Config) {
			// A sandbox's address: the header takes three lines at 80 columns.
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			c.BaseURL, s.Base = "http://127.0.0.1:41234", "http://127.0.0.1:41234"
		}, func(d *driver) {
			d.toPage(3)
		}, "✓ refresh_token  keep users signed in"},
		{"form_access_lacked_scope", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			c.Request.AllowedScopes = []string{"decks:read", "exports:read"}
			s.Partner.Scopes = []string{"cards:read", "decks:read", "decks:write"}
		}, func(d *driver) {
			d.toPage(3)
		}, "Your partner account does not list exports:read"},
		{"form_access_lacked_scope_api_url", func(s *uitest.StubAPI, c *flow.Config) {
			lackedScope(s, c)
			c.BaseURL, s.Base = "http://127.0.0.1:41234", "http://127.0.0.1:41234"
			advice.SetAPI(false, c.BaseURL) // as the command does with --api-url
		}, func(d *driver) {
			d.toPage(3)
		}, "flexslot-register request-scopes --scope exports:read"},
		{"form_access_included", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			c.Request.AllowedScopes = []string{"decks:write", "sideboards:write"}
		}, func(d *driver) {
			d.toPage(3)
		}, "decks:read        list and read the user's decks (in decks:write)"},
		{"form_access_defaults", func(_ *uitest.StubAPI, c *flow.Config) {
			c.Request.ApplicationName = "Deck Tracker"
			c.Request.RedirectURIs = []string{"https://decktracker.example/cb"}
		}, func(d *driver) {
			d.toPage(3)
		}, "✓ refresh_token"},
		{"form_links", func(_ *uitest.StubAPI, c *flow.Config) {
			c.Request.ApplicationName = "Deck Tracker"
			c.Request.RedirectURIs = []string{"https://decktracker.example/cb"}
		}, func(d *driver) {
			d.toPage(4)
		}, "(optional)"},
		{"form_access_grant_error", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			c.Request.GrantTypes = []string{"refresh_token"}
		}, func(d *driver) {
			d.toPage(3)
			d.send(keyEnter, "┃ Grant types")
		}, "refresh_token needs authorization_code"},
		{"form_links_error", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
		}, func(d *driver) {
			d.toPage(4)
			d.tm.Send(keyCtrlU)
			d.typ("http://decktracker.example")
			d.send(keyEnter, "Use https: plain http")
		}, "Use https"},
		{"review", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
		},
			func(d *driver) { d.toReview() }, "enter create"},
		{"review_curl", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
		}, func(d *driver) {
			d.toReview()
			d.send(keyP, "The same request with curl")
		}, "$FLEXSLOT_TOKEN"},
		{"review_curl_scrolled", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
		}, func(d *driver) {
			d.toReview()
			d.send(keyP, "The same request with curl")
			for range 4 { // to the end, at 80x24 and 60x16
				d.tm.Send(tea.KeyPressMsg{Code: tea.KeyPgDown})
			}
			d.wait(`"tos_url": ""`)
		}, "}'"},
		{"review_non_field_error", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			s.CreateErrs = []error{validation(api.FieldError{Field: api.NonFieldErrors, Index: -1, Message: "An application with this name already exists."})}
		}, func(d *driver) {
			d.toReview()
			d.send(keyEnter, "The server refused the request")
		}, "exists."},
		{"submitting", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			s.Block = make(chan struct{})
		}, func(d *driver) {
			d.toReview()
			d.send(keyEnter, "Registering")
		}, "esc cancel"},
		{"submit_cancelled", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			s.Block = make(chan struct{})
		}, func(d *driver) {
			d.toReview()
			d.send(keyEnter, "Registering")
			d.send(keyEsc, "Cancelled, but the request had already reached the server")
			d.wait("Nothing was created")
		}, "It is safe to retry."},
		{"server_field_errors", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			s.CreateErrs = []error{validation(
				api.FieldError{Field: api.FieldApplicationName, Index: -1, Message: "This name is reserved."},
				api.FieldError{Field: api.FieldRedirectURIs, Index: 1, Message: "This redirect URI is registered to another partner's client."},
			)}
		}, func(d *driver) {
			d.toReview()
			d.send(keyEnter, "This name is reserved.")
		}, "Application name (server): This name is reserved."},
		{"server_field_errors_redirect_uris", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			s.CreateErrs = []error{validation(
				api.FieldError{Field: api.FieldRedirectURIs, Index: 1, Message: "This redirect URI is registered to another partner's client."},
			)}
		}, func(d *driver) {
			d.toReview()
			d.send(keyEnter, "registered to another")
		}, "Redirect URIs · 2 of 4"},
		{"unauthorized_at_submit", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			s.CreateErrs = []error{&api.Error{Op: "create client", StatusCode: 401, Message: "Invalid token. (401 Unauthorized)"}}
		}, func(d *driver) {
			d.toReview()
			d.send(keyEnter, "refused the token while registering")
		}, "your answers are kept"},
		{"rate_limited", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			s.CreateErrs = []error{&api.Error{Op: "create client", StatusCode: 429, RetryAfter: 30 * time.Second,
				Message: "Request was throttled. Expected available in 30 seconds. (429 Too Many Requests)"}}
		}, func(d *driver) {
			d.toReview()
			d.send(keyEnter, "retry possible in 30s")
		}, "e edit"},
		{"server_error_retry", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			s.CreateErrs = []error{&api.Error{Op: "create client", StatusCode: 502, MayHaveCreated: true, Message: "the server answered 502 Bad Gateway"}}
		}, func(d *driver) {
			d.toReview()
			d.send(keyEnter, "Nothing was created")
		}, "r retry"},
		{"server_error_created", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			s.CreateErrs = []error{&api.Error{Op: "create client", StatusCode: 502, MayHaveCreated: true, Message: "the server answered 502 Bad Gateway"}}
			s.Clients = []api.OAuth2Client{foundClient(c.Request)}
		}, func(d *driver) {
			d.toReview()
			d.send(keyEnter, "It was created, as")
		}, "r rotate secret"},
		{"server_error_check_failed", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			s.CreateErrs = []error{&api.Error{Op: "create client", StatusCode: 502, MayHaveCreated: true, Message: "the server answered 502 Bad Gateway"}}
			s.ListErr = &api.Error{Op: api.OpList, Message: "could not connect to api.flexslot.gg: connection refused", Err: errBoom}
		}, func(d *driver) {
			d.toReview()
			d.send(keyEnter, "Could not find out whether it was created")
		}, "c check again"},
		{"server_error_retry_after_may_exist", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			s.CreateErrs = []error{&api.Error{Op: "create client", StatusCode: 503, RetryAfter: 30 * time.Second, MayHaveCreated: true, Message: "the server answered 503 Service Unavailable"}}
			s.Clients = []api.OAuth2Client{foundClient(c.Request)}
		}, func(d *driver) {
			d.toReview()
			d.send(keyEnter, "It was created, as")
		}, "r rotate secret"},
		{"review_name_taken", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			s.Clients = exampleClients()
		}, func(d *driver) {
			d.toReview()
			d.wait("exists already as")
		}, "r rotate secret"},
		{"review_name_taken_rotate", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			s.Clients = exampleClients()
		}, func(d *driver) {
			d.toReview()
			d.wait("exists already as")
			d.send(keyR, "Give \"Deck Tracker\"")
		}, "esc back"},
		{"review_if_exists_reuse", ifExists(flow.IfExistsReuse, "same"),
			func(d *driver) { d.toReview(); d.wait("as the request describes it") }, "enter reuse it"},
		{"review_if_exists_reuse_differs", ifExists(flow.IfExistsReuse, "differing"),
			func(d *driver) { d.toReview(); d.wait("differs from the request") }, "only on the client: https://decktracker.example/old/callback"},
		{"review_if_exists_fail", ifExists(flow.IfExistsFail, "same"),
			func(d *driver) { d.toReview(); d.wait("--if-exists fail:") }, "enter leave"},
		{"review_if_exists_rotate", ifExists(flow.IfExistsRotate, "same"),
			func(d *driver) { d.toReview(); d.wait("enter gives it a new secret") }, "enter rotate its secret"},
		{"review_if_exists_rotate_public", ifExists(flow.IfExistsRotate, "public"),
			func(d *driver) { d.toReview(); d.wait("no secret to rotate") }, "enter leave"},
		{"review_if_exists_lookup_failed", func(s *uitest.StubAPI, c *flow.Config) {
			ifExists(flow.IfExistsReuse, "same")(s, c)
			s.ListErr = errListDown
		}, func(d *driver) { d.toReview(); d.wait("Could not check whether") }, "enter look again"},
		{"review_golive_warnings", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			c.Request.PrivacyPolicyURL = "https://decktracker.example/privacy"
			c.CheckLinks = func(_ context.Context, req api.CreateClientRequest) golive.Report {
				return golive.Report{Checked: 3, Findings: []golive.Finding{
					{Field: api.FieldRedirectURIs, Index: 0, URL: req.RedirectURIs[0], Problem: "its certificate has expired or is not valid yet"},
					{Field: api.FieldPrivacyPolicyURL, Index: -1, URL: req.PrivacyPolicyURL, Problem: "answers 404 Not Found"},
				}}
			}
		}, func(d *driver) { d.toReview(); d.wait("beside the fields above") }, "! answers 404 Not Found"},
		{"review_golive_checking", func(s *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			block := make(chan struct{})
			s.Block = block
			c.CheckLinks = func(context.Context, api.CreateClientRequest) golive.Report { <-block; return golive.Report{} }
		}, func(d *driver) { d.toReview() }, "Checking the links and hosts players will see…"},
		{"review_golive_clean", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			c.CheckLinks = func(context.Context, api.CreateClientRequest) golive.Report { return golive.Report{Checked: 2} }
		}, func(d *driver) { d.toReview(); d.wait("each answers") }, "✓ Looked at 2 links and hosts players will see: each answers."},
		{"review_golive_offline", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			c.CheckLinks = func(context.Context, api.CreateClientRequest) golive.Report { return golive.Report{Offline: true} }
		}, func(d *driver) { d.toReview(); d.wait("No network here") }, "were not checked"},
		{"draft_offer", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
		}, func(d *driver) {
			d.wait("Application name")
			d.send(keyCtrlC, "Keep your answers?")
		}, "Save to: ./flexslot-client.json"},
		{"draft_offer_drops_invalid", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			c.Request.RedirectURIs = append(c.Request.RedirectURIs, "http://decktracker.example/cb")
			c.Request.TOSURL = "ftp://decktracker.example/tos"
		}, func(d *driver) {
			d.wait("Application name")
			d.send(keyCtrlC, "Keep your answers?")
		}, "! Not kept, since they are not valid yet: Redirect URIs (1 of 3), Terms of service URL."},
		{"draft_offer_from_review", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
		}, func(d *driver) {
			d.toReview()
			d.send(keyEsc, "Keep your answers?")
		}, "esc leave without saving"},
		{"review_lacked_scope", lackedScope, func(d *driver) { d.toReview() }, "a ask for the scopes"},
		{"scope_request", lackedScope, func(d *driver) {
			d.toReview()
			d.send(tea.KeyPressMsg{Code: 'a', Text: "a"}, "Say why your app needs it")
			d.typ("short")
			d.send(keyEnter, "Justification: say why in at least 10 characters")
		}, "enter send the request"},
		{"scope_request_sent", lackedScope, func(d *driver) {
			d.toReview()
			d.send(tea.KeyPressMsg{Code: 'a', Text: "a"}, "Say why your app needs it")
			d.typ("Players export their decks to PDF.")
			d.send(keyEnter, "✓ Sent: request")
		}, "We review requests within two working days."},
		{"review_no_scopes", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("public"))
			c.Request.AllowedScopes = nil
		}, func(d *driver) { d.toReview() }, "could not sign anyone in"},
		{"result_confidential", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
		},
			func(d *driver) { d.toResult() }, uitest.ExampleSecret},
		{"result_public", func(_ *uitest.StubAPI, c *flow.Config) { *c = uitest.WithRequest(*c, uitest.ExampleRequest("public")) },
			func(d *driver) { d.toResult() }, "code_challenge_method=S256"},
		{"result_no_loopback", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			c.Request.RedirectURIs = c.Request.RedirectURIs[:1]
		}, func(d *driver) { d.toResult() }, "cannot be tried from here"},
		{"result_copied", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			c.Clipboard = &uitest.FakeClipboard{}
		}, func(d *driver) {
			d.toResult()
			d.send(keyC, "Copied the secret to the system clipboard.")
		}, "Clears in 45s or when you leave."},
		{"result_osc52", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			c.OSC52 = true
		}, func(d *driver) {
			d.toResult()
			d.send(keyC, "OSC 52")
		}, "paste to check"},
		{"result_osc52_guard", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			c.OSC52 = true
		}, func(d *driver) {
			d.toResult()
			d.send(keyC, "OSC 52")
			d.send(keyEnter, "y leave")
		}, "y leave • n stay"},
		{"result_copy_unconfirmed", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
			c.Clipboard = &uitest.FakeClipboard{ReadBack: "something else"}
		}, func(d *driver) {
			d.toResult()
			d.send(keyC, "could not read it back")
			d.send(keyEnter, "y leave")
		}, "y leave • n stay"},
		{"result_copy_failed", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
		}, func(d *driver) {
			d.toResult()
			d.send(keyC, "Could not copy the secret")
		}, "select it above with the mouse"},
		{"result_leave_confirmation", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
		}, func(d *driver) {
			d.toResult()
			d.send(keyEnter, "Leave anyway?")
		}, "y leave"},
		{"result_save_prompt", func(_ *uitest.StubAPI, c *flow.Config) {
			*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
		}, func(d *driver) {
			d.toResult()
			d.send(keyS, "Save to:")
		}, "./flexslot-client.env"},
	}
	for _, tt := range tests {
		result := strings.HasPrefix(tt.name, "result_") || tt.name == "rotate_result"
		run := func(t *testing.T, width, height int) string {
			stub := uitest.NewStubAPI()
			cfg := uitest.StubConfig(stub)
			advice.SetAPI(false, "")
			t.Cleanup(func() { advice.SetAPI(false, "") })
			if tt.setup != nil {
				tt.setup(stub, &cfg)
			}
			if result && width < 80 {
				// A sandbox's address: the header takes three lines at 60 columns.
				cfg.BaseURL, stub.Base = "http://127.0.0.1:41234", "http://127.0.0.1:41234"
			}
			if stub.Block != nil {
				t.Cleanup(func() { close(stub.Block) })
			}
			d := startSized(t, cfg, width, height)
			tt.drive(d)
			view := d.final()
			want := tt.want
			if small, ok := wantSmall[tt.name]; ok && width < 80 {
				want = small
			}
			if !strings.Contains(squashed(view), squashed(want)) {
				t.Errorf("at %dx%d the screen lacks %q:\n%s", width, height, want, view)
			}
			return view
		}
		t.Run(tt.name, func(t *testing.T) {
			view := run(t, 80, 24)
			teatestGolden(t, view)
			// At 60x16 the same screen keeps its essential text (want) and
			// every key its help line shows.
			smallView := run(t, 60, 16)
			small := folded(smallView)
			for _, item := range helpItems(view) {
				if !strings.Contains(small, item) {
					t.Errorf("at 60x16 the screen lacks the key %q:\n%s", item, small)
				}
			}
			if drawnSmall[tt.name] {
				t.Run("60x16", func(t *testing.T) { teatestGolden(t, smallView) })
			}
			if !result {
				return
			}
			// The result screen gives up its header, blank lines and
			// explanations before its title and the once-only warning.
			for _, kept := range []string{"✓ Registered", "✓ New secret for", "it is shown only this once."} {
				if strings.Contains(folded(view), kept) && !strings.Contains(small, kept) {
					t.Errorf("at 60x16 with a three-line header the result screen lacks %q:\n%s", kept, smallView)
				}
			}
			t.Run("60x16", func(t *testing.T) { teatestGolden(t, smallView) })
		})
	}
}

// lackedScope is a request for exports:read from a partner without it.
func lackedScope(s *uitest.StubAPI, c *flow.Config) {
	*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
	c.Request.AllowedScopes = []string{"decks:read", "exports:read"}
	s.Partner.Scopes = []string{"cards:read", "decks:read", "decks:write"}
}

// ifExists is a run of the example request with --if-exists policy, where
// a client of its name exists already (existingAs kind).
func ifExists(policy flow.IfExists, kind string) func(*uitest.StubAPI, *flow.Config) {
	return func(s *uitest.StubAPI, c *flow.Config) {
		*c = uitest.WithRequest(*c, uitest.ExampleRequest("confidential"))
		c.IfExists = policy
		s.Clients = existingAs(kind)
	}
}

// exampleClients are a partner's clients: two confidential, one public.
func exampleClients() []api.OAuth2Client {
	used := uitest.Now.Add(-2 * time.Hour)
	return []api.OAuth2Client{
		{ClientID: uitest.ExampleClientID, ApplicationName: "Deck Tracker", ClientType: "confidential", Status: api.StatusActive,
			RedirectURIs: []string{"https://decktracker.example/oauth/callback"}, CreatedAt: uitest.Now.Add(-72 * time.Hour), LastUsedAt: &used, SecretRotatedAt: &used},
		{ClientID: "cli_01EXAMPLE0PUBL1C000000000", ApplicationName: "Deck CLI", ClientType: "public", Status: api.StatusActive,
			RedirectURIs: []string{"http://127.0.0.1/callback"}, CreatedAt: uitest.Now.Add(-48 * time.Hour)},
		{ClientID: "cli_01EXAMPLE0SYNC0000000000", ApplicationName: "Sideboard Sync", ClientType: "confidential", Status: api.StatusActive,
			RedirectURIs: []string{"https://sync.example/cb"}, CreatedAt: uitest.Now.Add(-24 * time.Hour)},
	}
}

// foundClient is the client a lost create of req made, as the list shows it.
func foundClient(req api.CreateClientRequest) api.OAuth2Client {
	req = req.WithDefaults()
	return api.OAuth2Client{ClientID: uitest.ExampleClientID, ApplicationName: req.ApplicationName, ClientType: req.ClientType,
		RedirectURIs: req.RedirectURIs, AllowedScopes: req.AllowedScopes, Status: api.StatusActive, CreatedAt: uitest.Now}
}

// drawnSmall are the screens other than the result screen whose 60x16
// view is a golden too: those of drafts, the go-live check and scope
// requests.
var drawnSmall = map[string]bool{
	"form_access_lacked_scope": true, "form_access_lacked_scope_api_url": true, "review_lacked_scope": true, "scope_request": true, "scope_request_sent": true,
	"review_golive_warnings": true, "review_golive_checking": true, "review_golive_clean": true, "review_golive_offline": true,
	"draft_offer": true, "draft_offer_drops_invalid": true, "draft_offer_from_review": true,
	"review_if_exists_reuse_differs": true, "review_if_exists_lookup_failed": true,
}

// wantSmall is what must show at 60x16 instead of a case's want, where want
// is below the focused field of a page that scrolls there.
var wantSmall = map[string]string{
	"form_access_defaults":   "• decks:write",
	"form_access_included":   "included in decks:write",
	"form_access_api_header": "> • cards:read",
	// The fields scroll there; the note under them stays in view.
	"review_golive_warnings": "gives 2 warnings, beside the fields above",
}

// helpItems are the key bindings of a frame's help line ("enter create").
func helpItems(view string) []string {
	lines := keyLines(strings.Split(strings.TrimRight(view, " \n"), "\n"))
	var items []string
	for i, line := range lines {
		if !strings.Contains(line, " • ") && i != len(lines)-1 {
			continue // a question above the keys, not keys
		}
		for _, item := range strings.Split(strings.TrimSpace(line), " • ") {
			if item = folded(item); item != "" {
				items = append(items, item)
			}
		}
	}
	return items
}

// TestReviewActsOnlyOnShownKeys: the review's help line shows enter create,
// e edit, p show curl and esc cancel; no other key may act, c least of all.
func TestReviewActsOnlyOnShownKeys(t *testing.T) {
	stub := uitest.NewStubAPI()
	d := start(t, uitest.WithRequest(uitest.StubConfig(stub), uitest.ExampleRequest("confidential")))
	d.toReview()
	for _, r := range "cxyz1" {
		d.key(r)
	}
	d.send(keyP, "The same request with curl") // a key sent after them has been handled
	stub.Mu.Lock()
	sent := len(stub.Created)
	stub.Mu.Unlock()
	if sent != 0 {
		t.Errorf("%d create requests sent by keys the review does not show", sent)
	}
}

// TestReviewForgetsARefusalOnceEdited: a refusal of the request as a whole
// (a taken name) is about that request; after the user edits it, the review
// must not show it under "nothing has been sent yet".
func TestReviewForgetsARefusalOnceEdited(t *testing.T) {
	stub := uitest.NewStubAPI()
	stub.CreateErrs = []error{&api.Error{Op: api.OpCreate, StatusCode: 400, Message: "refused (400 Bad Request)",
		Fields: []api.FieldError{{Field: api.NonFieldErrors, Index: -1, Message: "An application with this name already exists."}}}}
	d := start(t, uitest.WithRequest(uitest.StubConfig(stub), uitest.ExampleRequest("confidential")))
	d.toReview()
	d.send(keyEnter, "already exists")
	d.send(keyE, "Application · 1 of 4")
	d.typ(" 2")
	d.fromNameToPage(4)
	d.linksToReview()
	if view := folded(d.screen()); strings.Contains(view, "already exists") || !strings.Contains(view, "Deck Tracker 2") {
		t.Errorf("the review of the edited request shows the old refusal:\n%s", view)
	}
}

// TestHeaderNamesTheAPIHost: the token prompt, the first screen, already says
// where the token will go when it is not the default API.
func TestHeaderNamesTheAPIHost(t *testing.T) {
	cfg := uitest.StubConfig(uitest.NewStubAPI())
	cfg.Token = ""
	cfg.BaseURL = "https://api.staging.example"
	d := start(t, cfg)
	d.wait("Personal access token")
	if !strings.Contains(d.screen(), "API https://api.staging.example") {
		t.Errorf("the token prompt does not name the API:\n%s", d.screen())
	}
	d.final()
}
