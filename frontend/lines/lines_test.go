package lines

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/golive"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/iostreams"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// answers feeds prompts one byte at a time, as a terminal would: huh's
// accessible prompts each read with a fresh scanner.
func answers(lines ...string) *bytes.Buffer {
	return bytes.NewBufferString(strings.Join(lines, "\n") + "\n")
}

// typed is answers as a terminal gives them, where "^D" is ctrl+d: the end
// of input once, then the answers after it.
func typed(lines []string) io.Reader {
	parts := []string{""}
	for _, line := range lines {
		if line == "^D" {
			parts = append(parts, "", "")
			continue
		}
		parts[len(parts)-1] += line + "\n"
	}
	return &ttyEnd{parts: parts}
}

func TestRunAccessibleRegisters(t *testing.T) {
	sb, cfg := uitest.SandboxConfig(t, nil)
	clip := &uitest.FakeClipboard{}
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
		"y", // copy
		"y", // save
		"",  // the default path
	)
	var out bytes.Buffer
	result := Run(context.Background(), cfg, iotest.OneByteReader(in), &out)
	text := out.String()
	if result.Outcome != flow.OutcomeRegistered || result.Created == nil {
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
		"Cleared the secret from the clipboard.", // at the end
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "\x1b[") {
		t.Errorf("escape sequences in accessible output")
	}
	if got, writes := clip.Get(); len(writes) == 0 || writes[0] != secret || got != "" {
		t.Errorf("the secret was not copied, or not cleared at the end (%d writes)", len(writes))
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
	sb, cfg := uitest.SandboxConfig(t, nil)
	cfg.Request = uitest.ExampleRequest("public")
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
	result := Run(context.Background(), cfg, iotest.OneByteReader(in), &out)
	if result.Outcome != flow.OutcomeRegistered {
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
	sb, cfg := uitest.SandboxConfig(t, nil)
	cfg.Request = uitest.ExampleRequest("confidential")
	cfg.Request.ApplicationName = "sandbox:201-cut"
	cfg.SavePath = filepath.Join(t.TempDir(), "client.env")
	in := answers(
		"", "", "", "0", "0", "", "", "", "", // keep every answer
		"1", // create: the answer is cut
		"1", // rotate its secret now
		"n", // do not save
	)
	var out bytes.Buffer
	result := Run(context.Background(), cfg, iotest.OneByteReader(in), &out)
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
	sb, cfg := uitest.SandboxConfig(t, nil)
	first := Run(context.Background(), uitest.WithRequest(cfg, uitest.ExampleRequest("confidential")), iotest.OneByteReader(answers(
		"", "", "", "0", "0", "", "", "", "", "1", "n")), &bytes.Buffer{})
	if first.Created == nil {
		t.Fatal("no client to rotate")
	}
	cfg.Mode, cfg.ClientID = flow.ModeRotate, first.Created.Client.ClientID
	var out bytes.Buffer
	result := Run(context.Background(), cfg, iotest.OneByteReader(answers("y", "n")), &out)
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
	_, cfg := uitest.SandboxConfig(t, nil)
	cfg.Request = uitest.ExampleRequest("confidential")
	cfg.Request.RedirectURIs = []string{"http://127.0.0.1/callback"}
	cfg.OpenBrowser = uitest.ConsentBrowser(t, "allow")
	in := answers("", "", "", "0", "0", "", "", "", "", "1", "n", "y") // keep, create, no save, sign in
	var out bytes.Buffer
	result := Run(context.Background(), cfg, iotest.OneByteReader(in), &out)
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
		setup   func(*testing.T, *uitest.StubAPI, *flow.Config)
	}{
		{"bad_redirect_uri_asked_again", []string{
			"Deck Tracker", "", // name; type kept
			"http://decktracker.example/cb",  // refused at once: plain http on a public host
			"https://decktracker.example/cb", // asked again, kept
			"http://127.0.0.1:8765/cb",       // kept
			"", "",                           // the list ends; the review keeps it
			"2", "0", "0", "", "", "", "", "1", "n", "n", "n", // decks:read, grants, links, create, no copy, no save, no test
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
		}, func(t *testing.T, _ *uitest.StubAPI, c *flow.Config) {
			c.DraftPath = filepath.Join(t.TempDir(), "flexslot-client.json") // $DIR in the transcript
			t.Cleanup(func() {
				if data, err := os.ReadFile(c.DraftPath); err != nil || !strings.Contains(string(data), `"application_name": "Deck Tracker"`) {
					t.Errorf("the draft: %v\n%s", err, data)
				}
			})
		}},
		{"draft_kept_on_ctrl_d", []string{
			"Deck Tracker", "", "https://decktracker.example/cb",
			"^D", // in the middle of the list: the URI typed is kept
			"1",  // keep the answers
		}, func(t *testing.T, _ *uitest.StubAPI, c *flow.Config) {
			c.DraftPath = filepath.Join(t.TempDir(), "flexslot-client.json")
			t.Cleanup(func() {
				data, err := os.ReadFile(c.DraftPath)
				if err != nil || !strings.Contains(string(data), `"redirect_uris": ["https://decktracker.example/cb"]`) {
					t.Errorf("the draft: %v\n%s", err, data)
				}
			})
		}},
		{"draft_offered_once_after_a_refusal", []string{
			"Deck Tracker", "", "https://decktracker.example/cb", "", "",
			"2", "0", "0", "", "", "", "", "1", // create: refused
			"3", "1", // quit, then keep the answers
		}, func(t *testing.T, s *uitest.StubAPI, c *flow.Config) {
			s.CreateErrs = []error{&api.Error{Op: api.OpCreate, StatusCode: 403, Message: "refused (403 Forbidden)"}}
			c.DraftPath = filepath.Join(t.TempDir(), "flexslot-client.json")
		}},
		{"draft_offered_when_the_token_is_refused_at_create", []string{
			"Deck Tracker", "", "https://decktracker.example/cb", "", "",
			"2", "0", "0", "", "", "", "", "1", // create: 401
			"1", // keep the answers
		}, func(t *testing.T, s *uitest.StubAPI, c *flow.Config) {
			s.CreateErrs = []error{&api.Error{Op: api.OpCreate, StatusCode: 401, Message: "refused (401 Unauthorized)"}}
			c.DraftPath = filepath.Join(t.TempDir(), "flexslot-client.json")
			t.Cleanup(func() {
				if data, err := os.ReadFile(c.DraftPath); err != nil || !strings.Contains(string(data), `"redirect_uris": ["https://decktracker.example/cb"]`) {
					t.Errorf("the draft: %v\n%s", err, data)
				}
			})
		}},
		{"scope_request_for_a_lacked_scope", []string{
			"Deck Tracker", "", "https://decktracker.example/cb", "", "",
			"2", "4", "0", "0", "", "", "", "", // decks:read and exports:read
			"5", "Players export their decks to PDF.", // ask for exports:read
			"4", "3", // cancel, leave without saving
		}, func(_ *testing.T, s *uitest.StubAPI, _ *flow.Config) {
			s.Partner.Scopes = []string{"cards:read", "decks:read"}
		}},
		{"secret_copied_when_asked_cleared_at_the_end", []string{
			"Deck Tracker", "", "https://decktracker.example/cb", "", "",
			"2", "0", "0", "", "", "", "", "1", "y", "n", // create, copy, no save
		}, nil},
		{"draft_file_exists_saved_to_another_path", []string{
			"Deck Tracker", "", "https://decktracker.example/cb", "", "",
			"2", "0", "0", "", "", "", "", "4", "1", // cancel at the review, then keep the answers: the file exists
			"2", "", // another path: the default shown
		}, func(t *testing.T, _ *uitest.StubAPI, c *flow.Config) {
			c.DraftPath = filepath.Join(t.TempDir(), "flexslot-client.json")
			if err := os.WriteFile(c.DraftPath, []byte("{}\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"secret_saved_beside_an_existing_file", []string{
			"Deck Tracker", "", "https://decktracker.example/cb", "", "",
			"2", "0", "0", "", "", "", "", "1", "n", "y", "", // create, no copy, save: the default shown
		}, func(t *testing.T, _ *uitest.StubAPI, c *flow.Config) {
			c.DraftPath = filepath.Join(t.TempDir(), "flexslot-client.json") // $DIR in the transcript
			c.SavePath = filepath.Join(filepath.Dir(c.DraftPath), "flexslot-client.env")
			if err := os.WriteFile(c.SavePath, []byte("kept\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"golive_warning_under_its_field", []string{
			"Deck Tracker", "", "https://decktracker.example/cb", "", "",
			"2", "0", "0", "", "", "", "", "1", "n", "n",
		}, func(_ *testing.T, _ *uitest.StubAPI, c *flow.Config) {
			c.CheckLinks = func(_ context.Context, req api.CreateClientRequest) golive.Report {
				return golive.Report{Checked: 1, Findings: []golive.Finding{{Field: api.FieldRedirectURIs, Index: 0, URL: req.RedirectURIs[0],
					Problem: "the host decktracker.example does not resolve: is the name right?"}}}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := uitest.NewStubAPI()
			cfg := uitest.StubConfig(stub)
			cfg.Clipboard = &uitest.FakeClipboard{}
			if tt.setup != nil {
				tt.setup(t, stub, &cfg)
			}
			var out bytes.Buffer
			Run(context.Background(), cfg, typed(tt.answers), &out)
			transcript := "# typed\n" + strings.Join(tt.answers, "\n") + "\n# said\n" + out.String()
			if cfg.DraftPath != "" {
				transcript = strings.ReplaceAll(transcript, filepath.Dir(cfg.DraftPath), "$DIR")
			}
			golden.RequireEqual(t, []byte(transcript))
		})
	}
}

// TestAccessibleInterrupt: ctrl+c, a signal in line mode, stops a prompt
// while the answers are asked for and offers to keep them; once the client
// exists it stops nothing.
func TestAccessibleInterrupt(t *testing.T) {
	tests := []struct {
		name      string
		before    []string // typed before ctrl+c
		waitFor   string   // said before ctrl+c
		after     string   // typed after ctrl+c
		stops     bool
		wantDraft string
	}{
		{"in the middle of the redirect URIs", []string{"Deck Tracker", "", "https://decktracker.example/cb"},
			"Redirect URI 2", "1\n", true, `"redirect_uris": ["https://decktracker.example/cb"]`},
		{"at the review", []string{"Deck Tracker", "", "https://decktracker.example/cb", "", "", "2", "0", "0", "", "", "", ""},
			"What now?", "1\n", true, `"allowed_scopes": ["decks:read"]`},
		{"leaving without saving", []string{"Deck Tracker"}, "Client type", "3\n", true, ""},
		{"after the create", []string{"Deck Tracker", "", "https://decktracker.example/cb", "", "", "2", "0", "0", "", "", "", "", "1"},
			"Copy the secret to the clipboard?", "n\nn\n", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := uitest.NewStubAPI()
			cfg := uitest.StubConfig(stub)
			cfg.Clipboard = &uitest.FakeClipboard{}
			cfg.DraftPath = filepath.Join(t.TempDir(), "flexslot-client.json")
			r, w := io.Pipe()
			defer w.Close()
			out := &iostreams.Buffer{}
			prompts := New(cfg, r, out, io.Discard)
			done := make(chan flow.Result, 1)
			go func() { done <- prompts.Run(context.Background()) }()
			for _, line := range tt.before {
				if _, err := io.WriteString(w, line+"\n"); err != nil {
					t.Fatal(err)
				}
			}
			waitForText(t, out, tt.waitFor)
			if got := prompts.Interrupt(); got != tt.stops {
				t.Fatalf("Interrupt() = %v, want %v\n%s", got, tt.stops, out)
			}
			if tt.stops {
				waitForText(t, out, "Keep your answers?")
			}
			go func() { _, _ = io.WriteString(w, tt.after) }()
			var result flow.Result
			select {
			case result = <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("the prompts did not end:\n%s", out)
			}
			data, err := os.ReadFile(cfg.DraftPath)
			switch {
			case tt.wantDraft == "" && err == nil:
				t.Errorf("a draft was written:\n%s", data)
			case tt.wantDraft != "" && (err != nil || !strings.Contains(string(data), tt.wantDraft) || result.DraftSaved != cfg.DraftPath):
				t.Errorf("the draft (saved %q): %v\n%s\nsaid:\n%s", result.DraftSaved, err, data, out)
			}
			if !tt.stops && result.Created == nil {
				t.Errorf("the run after the create: %+v", result)
			}
			stub.Mu.Lock()
			sent := len(stub.Created)
			stub.Mu.Unlock()
			if sent > 0 && tt.stops {
				t.Errorf("an interrupted run sent a create")
			}
		})
	}
}

// waitForText waits until out holds want.
func waitForText(t *testing.T, out *iostreams.Buffer, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in:\n%s", want, out)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestLinePromptsAsThePages: the line prompts say what the pages show: each
// field's help before it, an optional link as optional, the save path's
// default (taken by an empty answer, a free name where the file exists,
// since a secret file is never overwritten), and where the draft file
// exists the draft screen's choices: replace it, another path, or leave.
func TestLinePromptsAsThePages(t *testing.T) {
	form := []string{"Deck Tracker", "", "https://decktracker.example/cb", "", "", "2", "0", "0", "", "", "", ""}
	created := func(more ...string) []string { return slices.Concat(form, []string{"1", "n"}, more) } // create, no copy
	cancelled := func(more ...string) []string { return slices.Concat(form, []string{"4"}, more) }    // cancel at the review
	tests := []struct {
		name     string
		answers  []string
		existing string // the file already at the path
		draft    bool   // existing is the draft's path, else the secret's
		said     []string
		file     string // the file the run leaves with its answer in it
	}{
		{"help before the fields", created("n"), "", false, []string{
			"Shown to players when they sign in with flexslot.\nApplication name",
			"What the client may ask for; a sign-in needs one; write includes read.\nScopes",
			"Application URL (optional, e.g. https://decktracker.example)",
		}, ""},
		{"the save path's default", created("y", ""), "", false,
			[]string{"Save to [$DIR/flexslot-client.env]"}, "flexslot-client.env"},
		{"the save path's default where the file exists", created("y", ""), "flexslot-client.env", false,
			[]string{"Save to [$DIR/flexslot-client-2.env]"}, "flexslot-client-2.env"},
		{"a draft file that exists, replaced", cancelled("1", "1"), "flexslot-client.json", true,
			[]string{"flexslot-client.json exists. \n1. Replace it\n2. Save them to another path\n3. Leave without saving"}, "flexslot-client.json"},
		{"a draft file that exists, another path", cancelled("1", "2", ""), "flexslot-client.json", true,
			[]string{"Save to [$DIR/flexslot-client-2.json]"}, "flexslot-client-2.json"},
		{"a draft file that exists, left", cancelled("1", "3"), "flexslot-client.json", true,
			[]string{"3. Leave without saving"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := uitest.StubConfig(uitest.NewStubAPI())
			cfg.Clipboard = &uitest.FakeClipboard{}
			cfg.SavePath = filepath.Join(dir, "flexslot-client.env")
			cfg.DraftPath = filepath.Join(dir, "flexslot-client.json")
			if tt.existing != "" {
				if err := os.WriteFile(filepath.Join(dir, tt.existing), []byte("kept\n"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var out bytes.Buffer
			result := Run(context.Background(), cfg, iotest.OneByteReader(answers(tt.answers...)), &out)
			said := strings.ReplaceAll(out.String(), dir, "$DIR")
			for _, want := range tt.said {
				if !strings.Contains(said, want) {
					t.Errorf("the prompts did not say %q:\n%s", want, said)
				}
			}
			if tt.existing != "" && tt.file != tt.existing {
				if data, _ := os.ReadFile(filepath.Join(dir, tt.existing)); string(data) != "kept\n" {
					t.Errorf("%s was replaced: %s", tt.existing, data)
				}
			}
			if tt.file == "" {
				if result.SavedTo != "" || result.DraftSaved != "" {
					t.Errorf("saved to %q, draft %q", result.SavedTo, result.DraftSaved)
				}
				return
			}
			if got := result.SavedTo + result.DraftSaved; got != filepath.Join(dir, tt.file) {
				t.Errorf("saved to %q, want %s\n%s", got, tt.file, said)
			}
			if data, err := os.ReadFile(filepath.Join(dir, tt.file)); err != nil || !strings.Contains(string(data), map[bool]string{true: "Deck Tracker", false: "FLEXSLOT_CLIENT_SECRET="}[tt.draft]) {
				t.Errorf("%s: %v\n%s", tt.file, err, data)
			}
		})
	}
}

// TestLinePromptsSkipAnsweredPages: the line prompts ask for what the
// wizard's pages would (see asked): with every value given, nothing before
// the review; the review's edit asks for everything.
func TestLinePromptsSkipAnsweredPages(t *testing.T) {
	all := api.CreateClientRequest{ApplicationName: "Deck Tracker", RedirectURIs: []string{"https://a.example/cb"}, AllowedScopes: []string{"decks:read"}}
	tests := []struct {
		name    string
		req     api.CreateClientRequest
		given   []string
		answers []string
		asked   []string // the prompts said, in order
		notSaid []string // not before the review
	}{
		{"every value", all, []string{api.FieldApplicationName, api.FieldRedirectURIs, api.FieldAllowedScopes},
			[]string{"4", "3"}, []string{"Review"}, []string{"Application name", "Client type", "Scopes", "Application URL"}},
		{"a name", api.CreateClientRequest{ApplicationName: "Deck Tracker"}, []string{api.FieldApplicationName},
			[]string{"https://a.example/cb", "", "", "2", "0", "0", "4", "3"},
			[]string{"Redirect URIs", "Scopes", "Grant types", "Review"}, []string{"Application name", "Client type", "Application URL"}},
		{"every value, then edit", all, []string{api.FieldApplicationName, api.FieldRedirectURIs, api.FieldAllowedScopes},
			[]string{"2", "", "", "", "0", "0", "", "", "", "", "4", "3"},
			[]string{"Review", "Application name [Deck Tracker]", "Client type [confidential]", "Application URL", "Review"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := uitest.WithRequest(uitest.StubConfig(uitest.NewStubAPI()), tt.req)
			cfg.Given = map[string]bool{}
			for _, f := range tt.given {
				cfg.Given[f] = true
			}
			var out bytes.Buffer
			Run(context.Background(), cfg, iotest.OneByteReader(answers(tt.answers...)), &out)
			said := out.String()
			at := 0
			for _, want := range tt.asked {
				i := strings.Index(said[at:], want)
				if i < 0 {
					t.Fatalf("the prompts did not say %q after what came before:\n%s", want, said)
				}
				at += i + len(want)
			}
			for _, absent := range tt.notSaid {
				if i := strings.Index(said, absent); i >= 0 && i < strings.Index(said, "Review") {
					t.Errorf("the prompts asked %q before the review:\n%s", absent, said)
				}
			}
		})
	}
}

// TestLinePromptsEndAfterARefusedNumber: a number out of range, then the end
// of the input, ends the prompts as the end of the input does; huh's
// numbered prompts took the refused number as the choice there and panicked.
func TestLinePromptsEndAfterARefusedNumber(t *testing.T) {
	tests := []struct {
		name    string
		answers []string
	}{
		{"the client type", []string{"Deck Tracker", "3"}},
		{"the scopes", []string{"Deck Tracker", "", "https://decktracker.example/cb", "", "", "9"}},
		{"what now", []string{"Deck Tracker", "", "https://decktracker.example/cb", "", "", "2", "0", "0", "", "", "", "", "7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := uitest.NewStubAPI()
			cfg := uitest.StubConfig(stub)
			cfg.DraftPath = filepath.Join(t.TempDir(), "flexslot-client.json")
			var out bytes.Buffer
			result := Run(context.Background(), cfg, iotest.OneByteReader(answers(tt.answers...)), &out)
			if result.Outcome != flow.OutcomeCancelled || result.Created != nil || len(stub.Created) != 0 {
				t.Errorf("result %+v\n%s", result, out.String())
			}
			if !strings.Contains(out.String(), "Invalid: must be a number between") {
				t.Errorf("the number was not refused:\n%s", out.String())
			}
		})
	}
}
