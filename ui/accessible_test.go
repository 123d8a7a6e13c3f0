package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/cli/golive"
)

// answers feeds prompts one byte at a time, as a terminal would: huh's
// accessible prompts each read with a fresh scanner.
func answers(lines ...string) *bytes.Buffer {
	return bytes.NewBufferString(strings.Join(lines, "\n") + "\n")
}

func TestRunAccessibleRegisters(t *testing.T) {
	sb, cfg := sandboxConfig(t, nil)
	clip := &fakeClipboard{}
	cfg.Clipboard = clip
	cfg.SavePath = filepath.Join(t.TempDir(), "client.env")
	in := answers(
		"Deck Tracker",                        // name
		"",                                    // client type: keep confidential
		"https://decktracker.example/cb#frag", // refused at once: a fragment
		"https://decktracker.example/cb, http://127.0.0.1:8765/cb", // a pasted pair, both kept
		"", "", // the list ends; the review keeps it
		"2", "0", // scopes: toggle decks:read, done
		"0",            // grant types: keep both
		"", "", "", "", // links
		"1", // create
		"y", // save
		"",  // the default path
	)
	var out bytes.Buffer
	result := RunAccessible(context.Background(), cfg, iotest.OneByteReader(in), &out)
	text := out.String()
	if result.Outcome != OutcomeRegistered || result.Created == nil {
		t.Fatalf("result %+v\n%s", result, text)
	}
	secret := result.Created.PlaintextClientSecret.Reveal()
	for _, want := range []string{
		"partner Sandbox Partner (active, standard tier)",
		"Not added: Remove the fragment (the part from #): redirect URIs cannot have one. (https://decktracker.example/cb#frag)",
		"Added 2: http://127.0.0.1:8765/cb.",
		"Review (nothing has been sent yet):",
		"Client ID: " + result.Created.Client.ClientID,
		"Client secret, shown only this once: " + secret,
		"Copied the secret to the system clipboard.",
		"Saved to " + cfg.SavePath,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "\x1b[") {
		t.Errorf("escape sequences in accessible output")
	}
	if got, _ := clip.get(); got != secret {
		t.Error("the clipboard does not hold the secret")
	}
	body := string(sb.CreateRequests()[0])
	if !strings.Contains(body, `"redirect_uris":["https://decktracker.example/cb","http://127.0.0.1:8765/cb"]`) ||
		!strings.Contains(body, `"allowed_scopes":["decks:read"]`) {
		t.Errorf("sent %s", body)
	}
	if info, err := os.Stat(cfg.SavePath); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("saved file %v %v", info, err)
	}
}

func TestRunAccessibleServerErrorKeepsAnswers(t *testing.T) {
	sb, cfg := sandboxConfig(t, nil)
	cfg.Request = exampleRequest("public")
	cfg.Request.RedirectURIs = []string{"https://taken.sandbox.test/cb"}
	in := answers(
		"", "", "", "0", "0", "", "", "", "", // keep every answer
		"1",    // create: refused
		"", "", // name, type kept
		"1", "https://decktracker.example/cb", "", // the refused URI replaced, the list kept
		"0", "0", "", "", "", "",
		"1", // create
	)
	var out bytes.Buffer
	result := RunAccessible(context.Background(), cfg, iotest.OneByteReader(in), &out)
	if result.Outcome != OutcomeRegistered {
		t.Fatalf("result %+v\n%s", result, out.String())
	}
	if !strings.Contains(out.String(), "The server refused Redirect URIs, item 1: This redirect URI is registered to another partner's client.") {
		t.Errorf("output:\n%s", out.String())
	}
	if n := sb.CreateAttempts(); n != 2 {
		t.Errorf("%d create requests", n)
	}
	if !strings.Contains(out.String(), "PKCE") || strings.Contains(out.String(), "Client secret") {
		t.Errorf("public result:\n%s", out.String())
	}
}

// TestRunAccessibleRecoversALostCreate: the line prompts find the client a
// lost create made, and rotate its secret on request.
func TestRunAccessibleRecoversALostCreate(t *testing.T) {
	sb, cfg := sandboxConfig(t, nil)
	cfg.Request = exampleRequest("confidential")
	cfg.Request.ApplicationName = "sandbox:201-cut"
	cfg.SavePath = filepath.Join(t.TempDir(), "client.env")
	in := answers(
		"", "", "", "0", "0", "", "", "", "", // keep every answer
		"1", // create: the answer is cut
		"1", // rotate its secret now
		"n", // do not save
	)
	var out bytes.Buffer
	result := RunAccessible(context.Background(), cfg, iotest.OneByteReader(in), &out)
	text := out.String()
	clients := sb.Clients()
	if len(clients) != 1 || result.Created == nil || !result.Rotated {
		t.Fatalf("%d clients, result %+v\n%s", len(clients), result, text)
	}
	for _, want := range []string{"It was created, as " + clients[0].ClientID, "New secret for \"sandbox:201-cut\""} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if !sb.SecretIsCurrent(clients[0].ClientID, result.Created.PlaintextClientSecret.Reveal()) {
		t.Error("the secret shown is not the client's current one")
	}
}

// TestRunAccessibleRotate: the rotate command as line prompts.
func TestRunAccessibleRotate(t *testing.T) {
	sb, cfg := sandboxConfig(t, nil)
	first := RunAccessible(context.Background(), withRequest(cfg, exampleRequest("confidential")), iotest.OneByteReader(answers(
		"", "", "", "0", "0", "", "", "", "", "1", "n")), &bytes.Buffer{})
	if first.Created == nil {
		t.Fatal("no client to rotate")
	}
	cfg.Mode, cfg.ClientID = ModeRotate, first.Created.Client.ClientID
	var out bytes.Buffer
	result := RunAccessible(context.Background(), cfg, iotest.OneByteReader(answers("y", "n")), &out)
	if result.Created == nil || !result.Rotated || !sb.SecretIsCurrent(cfg.ClientID, result.Created.PlaintextClientSecret.Reveal()) {
		t.Fatalf("result %+v\n%s", result, out.String())
	}
	if !strings.Contains(out.String(), "apps that use it need the new one") {
		t.Errorf("the prompts did not say what a rotation does:\n%s", out.String())
	}
}

// TestRunAccessibleTestSignIn: after the secret, the line prompts offer a
// test sign-in and say what it proved, as a plain line.
func TestRunAccessibleTestSignIn(t *testing.T) {
	_, cfg := sandboxConfig(t, nil)
	cfg.Request = exampleRequest("confidential")
	cfg.Request.RedirectURIs = []string{"http://127.0.0.1/callback"}
	cfg.OpenBrowser = consentBrowser(t, "allow")
	in := answers("", "", "", "0", "0", "", "", "", "", "1", "n", "y") // keep, create, no save, sign in
	var out bytes.Buffer
	result := RunAccessible(context.Background(), cfg, iotest.OneByteReader(in), &out)
	if result.Created == nil || !strings.Contains(out.String(), "✓ sign-in works: access token (expires in 1h), refresh token") {
		t.Errorf("result %+v\n%s", result, out.String())
	}
}

// TestAccessibleTranscripts keeps whole accessible runs as golden
// transcripts (testdata/TestAccessibleTranscripts/*.golden: the answers
// typed, then what the prompts said), regenerated with -update.
func TestAccessibleTranscripts(t *testing.T) {
	tests := []struct {
		name    string
		answers []string
		setup   func(*testing.T, *stubAPI, *Config)
	}{
		{"bad_redirect_uri_asked_again", []string{
			"Deck Tracker", "", // name; type kept
			"http://decktracker.example/cb",  // refused at once: plain http on a public host
			"https://decktracker.example/cb", // asked again, kept
			"http://127.0.0.1:8765/cb",       // kept
			"", "",                           // the list ends; the review keeps it
			"2", "0", "0", "", "", "", "", "1", "n", "n", // decks:read, grants, links, create, no save, no test
		}, nil},
		{"redirect_uri_list_changed_before_going_on", []string{
			"Deck Tracker", "",
			"https://decktracker.example/cb", "https://decktracker.example/cb/", "", // a near-duplicate, warned at once
			"2", "", // remove the second
			"", // keep
			"2", "0", "0", "", "", "", "", "1", "n", "n",
		}, nil},
		{"draft_kept_on_cancel", []string{
			"Deck Tracker", "", "https://decktracker.example/cb", "", "",
			"2", "0", "0", "", "", "", "", "4", "1", // cancel at the review, then keep the answers
		}, func(t *testing.T, _ *stubAPI, c *Config) {
			c.DraftPath = filepath.Join(t.TempDir(), "flexslot-client.json") // $DIR in the transcript
			t.Cleanup(func() {
				if data, err := os.ReadFile(c.DraftPath); err != nil || !strings.Contains(string(data), `"application_name": "Deck Tracker"`) {
					t.Errorf("the draft: %v\n%s", err, data)
				}
			})
		}},
		{"scope_request_for_a_lacked_scope", []string{
			"Deck Tracker", "", "https://decktracker.example/cb", "", "",
			"2", "4", "0", "0", "", "", "", "", // decks:read and exports:read
			"5", "Players export their decks to PDF.", // ask for exports:read
			"4", "2", // cancel, leave without saving
		}, func(_ *testing.T, s *stubAPI, _ *Config) { s.partner.Scopes = []string{"cards:read", "decks:read"} }},
		{"golive_warning_under_its_field", []string{
			"Deck Tracker", "", "https://decktracker.example/cb", "", "",
			"2", "0", "0", "", "", "", "", "1", "n", "n",
		}, func(_ *testing.T, _ *stubAPI, c *Config) {
			c.CheckLinks = func(_ context.Context, req api.CreateClientRequest) golive.Report {
				return golive.Report{Checked: 1, Findings: []golive.Finding{{Field: api.FieldRedirectURIs, Index: 0, URL: req.RedirectURIs[0],
					Problem: "the host decktracker.example does not resolve: is the name right?"}}}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := newStubAPI()
			cfg := stubConfig(stub)
			cfg.Clipboard = &fakeClipboard{}
			if tt.setup != nil {
				tt.setup(t, stub, &cfg)
			}
			var out bytes.Buffer
			RunAccessible(context.Background(), cfg, iotest.OneByteReader(answers(tt.answers...)), &out)
			transcript := "# typed\n" + strings.Join(tt.answers, "\n") + "\n# said\n" + out.String()
			if cfg.DraftPath != "" {
				transcript = strings.ReplaceAll(transcript, filepath.Dir(cfg.DraftPath), "$DIR")
			}
			golden.RequireEqual(t, []byte(transcript))
		})
	}
}
