//go:build unix

package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
)

// TestParity runs each scenario of the registration through the three front
// ends, against a sandbox of its own for each, and expects one outcome of
// all three: what the sandbox received, what became of the secret, the exit
// code and the draft. The scripted run says what to do with flags; the
// wizard and the line prompts get the same flags, and the person does there
// what the flags say. A difference is a failing test (issue #32).
//
// The bodies of the creates the sandbox accepted in the wizard and the line
// prompts are the scripted run's: the flags say what is sent.
func TestParity(t *testing.T) {
	need(t, "tmux")
	for _, sc := range parityScenarios {
		t.Run(sc.name, func(t *testing.T) {
			var scriptSent *string // what the scripted run sent, once it ran
			for _, fe := range []frontEnd{scripted, wizard, prompts} {
				t.Run(string(fe), func(t *testing.T) {
					got, want := sc.runIn(t, fe), sc.want
					want.sent = got.sent // nothing to compare with until the scripted run ran
					if fe == scripted {
						scriptSent = &got.sent
					} else if scriptSent != nil {
						want.sent = *scriptSent
					}
					if got == want {
						return
					}
					diff := fmt.Sprintf("\n got %s\nwant %s", got, want)
					if got.sent != want.sent {
						diff += fmt.Sprintf("\nsent %s\nthe scripted run sent %s", got.sent, want.sent)
					}
					t.Error(diff)
				})
			}
		})
	}
}

// frontEnd names one of the three ways a person runs the registration.
type frontEnd string

const (
	scripted frontEnd = "script"  // flags only (--no-input), no terminal
	wizard   frontEnd = "wizard"  // the full-screen wizard in tmux at 100x30
	prompts  frontEnd = "prompts" // the line prompts (--accessible) in tmux
)

// In a scenario's flags, secretFile and draftFile stand for a secret file
// and a draft path of the run's own, which do not exist when it starts.
const (
	secretFile = "{secret file}"
	draftFile  = "{draft}"
)

// A redirect URI, a scope and a name shared by the scenarios.
const (
	parityName     = "Deck Tracker"
	parityRedirect = "https://decktracker.example/cb"
	parityScope    = "decks:read"
)

// paths are one run's secret file and draft: absolute, in a directory of
// their own, so a person types them as the flags give them.
type paths struct{ secret, draft string }

// What became of the secret, and of the answers.
const (
	secretSaved   = "saved to the secret file, the client's current secret"
	secretNowhere = "nowhere: no secret file"
	draftKept     = "kept at the draft path"
	draftNone     = "none"
)

// outcome is what a run leaves behind.
type outcome struct {
	creates int    // create requests the sandbox received during the run, refused ones included
	clients int    // clients the run added
	rotated int    // clients whose secret was rotated
	secret  string // secretSaved, secretNowhere or what the secret file holds instead
	code    int    // the exit code
	draft   string // draftKept, draftNone or where the draft went instead
	sent    string // the bodies of the creates the sandbox accepted, one a line
}

// String is the outcome as a failure shows it; the bodies sent are shown
// apart, and only when they differ.
func (o outcome) String() string {
	return fmt.Sprintf("{creates %d, clients %d, rotated %d, secret %s, exit %d, draft %s}", o.creates, o.clients, o.rotated, o.secret, o.code, o.draft)
}

// scenario is one row: the sandbox, the flags every front end gets, what
// the person does in each interactive front end to the effect the flags
// say, and the outcome expected of all three.
type scenario struct {
	name     string
	partner  []string // the partner's scopes (sandbox.Config.PartnerScopes); every scope when nil
	existing bool     // a client as the flags describe it exists before the run
	flags    []string
	yes      bool // every front end gets --yes: with every value given, the wizard and the line prompts skip the review
	wizard   func(tm *term, p paths)
	prompts  func(tm *term, p paths)
	want     outcome
}

// request is the flags of the scenarios' request, with name and more.
func request(name string, more ...string) []string {
	return append([]string{"--name", name, "--redirect-uri", parityRedirect, "--scope", parityScope}, more...)
}

var parityScenarios = []scenario{
	{
		name:  "201 confidential",
		flags: request(parityName, "--secret-file", secretFile),
		yes:   true,
		wizard: func(tm *term, p paths) {
			tm.wait("✓ Registered")
			tm.saveSecret(p.secret)
			tm.finish()
		},
		prompts: func(tm *term, p paths) {
			tm.saveSecretAsked(p.secret)
		},
		want: outcome{creates: 1, clients: 1, secret: secretSaved, draft: draftNone},
	},
	{
		name:  "201 without a secret",
		flags: request("sandbox:201-no-secret", "--secret-file", secretFile),
		yes:   true,
		wizard: func(tm *term, _ paths) {
			tm.wait("sent no secret")
			tm.finish()
		},
		prompts: func(tm *term, _ paths) {
			tm.waitSaid("sent no secret")
		},
		want: outcome{creates: 1, clients: 1, secret: secretNowhere, code: 1, draft: draftNone},
	},
	{
		name:  "refused at a field",
		flags: []string{"--name", parityName, "--redirect-uri", "https://" + sandbox.TakenRedirectHost + "/cb", "--scope", parityScope, "--secret-file", secretFile},
		yes:   true,
		wizard: func(tm *term, _ paths) {
			tm.wait("server: This redirect URI is registered")
			tm.leaveWithoutDraft()
		},
		prompts: func(tm *term, _ paths) {
			tm.waitSaid("registered to another partner's")
			tm.interruptWithoutDraft()
		},
		want: outcome{creates: 1, secret: secretNowhere, code: 1, draft: draftNone},
	},
	{
		name:    "lacked scope",
		partner: []string{"cards:read"},
		flags:   request(parityName, "--secret-file", secretFile),
		yes:     true,
		wizard: func(tm *term, _ paths) {
			tm.wait("✗ Scopes (server)")
			tm.leaveWithoutDraft()
		},
		prompts: func(tm *term, _ paths) {
			tm.waitSaid(`does not have the scope "decks:read"`)
			tm.interruptWithoutDraft()
		},
		want: outcome{creates: 1, secret: secretNowhere, code: 1, draft: draftNone},
	},
	{
		name:  "401",
		flags: request("sandbox:401", "--secret-file", secretFile),
		yes:   true,
		wizard: func(tm *term, _ paths) {
			tm.wait("The server refused the token while registering (401)")
			tm.press("esc leave without saving", "Escape") // the draft offer
			tm.keys("Escape")
		},
		prompts: func(tm *term, _ paths) {
			tm.waitSaid("The server refused the token while registering (401)")
			tm.waitSaid("Personal access token") // asked again, as the wizard's token page
			tm.keys("C-c")                       // every value came from flags: nothing typed to keep
		},
		want: outcome{creates: 1, secret: secretNowhere, code: 1, draft: draftNone},
	},
	{
		name:  "429",
		flags: request("sandbox:429", "--secret-file", secretFile),
		yes:   true,
		wizard: func(tm *term, _ paths) {
			tm.wait("retry possible in")
			tm.keys("q")
		},
		prompts: func(tm *term, _ paths) {
			tm.choose("Could not register the client", "Quit")
			tm.declineDraft()
		},
		want: outcome{creates: 1, secret: secretNowhere, code: 1, draft: draftNone},
	},
	{
		name:  "lost answer, created, rotated",
		flags: request("sandbox:502-html", "--secret-file", secretFile, "--rotate-if-created"),
		yes:   true,
		wizard: func(tm *term, p paths) {
			tm.wait("It was created, as")
			tm.press("✓ New secret for", "r")
			tm.saveSecret(p.secret)
			tm.finish()
		},
		prompts: func(tm *term, p paths) {
			tm.choose("It was created, as", "Rotate")
			tm.saveSecretAsked(p.secret)
		},
		want: outcome{creates: 1, clients: 1, rotated: 1, secret: secretSaved, draft: draftNone},
	},
	{
		name:  "lost answer, created, left",
		flags: request("sandbox:502-html", "--secret-file", secretFile),
		yes:   true,
		wizard: func(tm *term, _ paths) {
			tm.wait("It was created, as")
			tm.keys("q")
		},
		prompts: func(tm *term, _ paths) {
			tm.choose("It was created, as", "Quit")
		},
		want: outcome{creates: 1, clients: 1, secret: secretNowhere, code: 1, draft: draftNone},
	},
	{
		name:  "lost answer, not created",
		flags: request("sandbox:502-before", "--secret-file", secretFile),
		yes:   true,
		wizard: func(tm *term, _ paths) {
			tm.wait("Nothing was created")
			tm.keys("q")
		},
		prompts: func(tm *term, _ paths) {
			tm.choose("Nothing was created", "Quit") // no draft is offered
		},
		want: outcome{creates: 1, secret: secretNowhere, code: 1, draft: draftNone},
	},
	{
		name:     "exists already, reuse",
		existing: true,
		flags:    request(parityName, "--secret-file", secretFile, "--if-exists", "reuse"),
		wizard: func(tm *term, _ paths) {
			tm.wait("exists already as")
			tm.keys("Enter") // reuse, as the flag says
		},
		prompts: func(tm *term, _ paths) {
			tm.waitSaid("exists already as") // the flag decides: nothing asked
		},
		want: outcome{secret: secretNowhere, draft: draftNone},
	},
	{
		name:     "exists already, rotate",
		existing: true,
		flags:    request(parityName, "--secret-file", secretFile, "--if-exists", "rotate"),
		wizard: func(tm *term, p paths) {
			tm.wait("exists already as")
			tm.press("enter rotate the secret", "Enter") // rotate, as the flag says
			tm.press("✓ New secret for", "Enter")
			tm.saveSecret(p.secret)
			tm.finish()
		},
		prompts: func(tm *term, p paths) {
			tm.waitSaid("rotating its secret") // the flag decides: nothing asked
			tm.saveSecretAsked(p.secret)
		},
		want: outcome{rotated: 1, secret: secretSaved, draft: draftNone},
	},
	{
		name:     "exists already, fail",
		existing: true,
		flags:    request(parityName, "--secret-file", secretFile, "--if-exists", "fail"),
		wizard: func(tm *term, _ paths) {
			tm.wait("exists already as")
			tm.keys("Escape") // the flag decided: leaving ends there
		},
		prompts: func(tm *term, _ paths) {
			tm.waitSaid("exists already as") // the flag decides: nothing asked
		},
		want: outcome{secret: secretNowhere, code: 1, draft: draftNone},
	},
	{
		name:  "leave before sending",
		flags: []string{"--name", parityName, "--scope", parityScope, "--secret-file", secretFile, "--draft", draftFile},
		wizard: func(tm *term, p paths) {
			tm.wait("Redirect URIs · 2 of 4")
			tm.keepDraft(p.draft)
		},
		prompts: func(tm *term, p paths) {
			tm.waitSaid("Redirect URI 1") // the one value missing
			tm.answer("Keep your answers?", "C-c")
			tm.choose("Keep your answers?", "Save them to another path")
			tm.reply("Save to", p.draft)
		},
		want: outcome{secret: secretNowhere, code: 2, draft: draftKept},
	},
}

// runIn runs the scenario in fe against a sandbox of its own, and reports
// what the run left.
func (sc scenario) runIn(t *testing.T, fe frontEnd) outcome {
	t.Helper()
	sb, err := sandbox.Start("127.0.0.1:0", sandbox.Config{PartnerScopes: sc.partner})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	if sc.existing {
		createExisting(t, sb)
	}
	creates, clients, existing := sb.CreateAttempts(), len(sb.Clients()), len(sb.CreateRequests())
	dir := t.TempDir()
	p := paths{secret: filepath.Join(dir, "client.env"), draft: filepath.Join(dir, "draft.json")}
	args := append(expand(sc.flags, p), "--offline")
	if sc.yes {
		args = append(args, "--yes")
	}
	var code int
	var cwd string
	switch fe {
	case scripted:
		code, _, _ = script(t, sandboxEnv(sb), append(args, "--no-input")...)
	case wizard:
		tm := run(t, 100, 30, sandboxEnv(sb), args...)
		sc.wizard(tm, p)
		code, cwd = tm.exitCode(), tm.dir
	case prompts:
		tm := run(t, 100, 30, sandboxEnv(sb), append(args, "--accessible")...)
		sc.prompts(tm, p)
		code, cwd = tm.exitCode(), tm.dir
	}
	return outcome{
		creates: sb.CreateAttempts() - creates,
		clients: len(sb.Clients()) - clients,
		rotated: rotatedClients(sb),
		secret:  secretFate(t, sb, p.secret),
		code:    code,
		draft:   draftFate(p.draft, cwd),
		sent:    string(bytes.Join(sb.CreateRequests()[existing:], []byte("\n"))),
	}
}

// createExisting registers the client the scenarios' flags describe, over
// the API, as an earlier run would have.
func createExisting(t *testing.T, sb *sandbox.Running) {
	t.Helper()
	c, err := api.New(sb.URL, sb.Token())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateOAuth2Client(context.Background(), api.CreateClientRequest{
		ApplicationName: parityName, ClientType: "confidential",
		RedirectURIs: []string{parityRedirect}, AllowedScopes: []string{parityScope},
		GrantTypes: []string{"authorization_code", "refresh_token"},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// expand puts the run's paths in place of secretFile and draftFile.
func expand(flags []string, p paths) []string {
	out := make([]string, len(flags))
	for i, f := range flags {
		out[i] = strings.NewReplacer(secretFile, p.secret, draftFile, p.draft).Replace(f)
	}
	return out
}

// rotatedClients counts the clients whose secret changed after their
// creation (a confidential client's secret_rotated_at is its created_at at
// first).
func rotatedClients(sb *sandbox.Running) int {
	n := 0
	for _, c := range sb.Clients() {
		if c.SecretRotatedAt != nil && !c.SecretRotatedAt.Equal(c.CreatedAt) {
			n++
		}
	}
	return n
}

// secretFate says what the secret file holds: the client's current secret,
// nothing (no file), or something else.
func secretFate(t *testing.T, sb *sandbox.Running, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return secretNowhere
	case err != nil:
		t.Fatal(err)
	}
	var id, secret string
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "FLEXSLOT_CLIENT_ID="); ok {
			id = v
		}
		if v, ok := strings.CutPrefix(line, "FLEXSLOT_CLIENT_SECRET="); ok {
			secret = v
		}
	}
	switch {
	case secret == "":
		return "a secret file without a secret"
	case !sb.SecretIsCurrent(id, secret):
		return "a secret file whose secret the sandbox does not accept"
	}
	return secretSaved
}

// draftFate says whether the draft is at its path, or where else a run in
// cwd kept it (the default ./flexslot-client.json).
func draftFate(path, cwd string) string {
	if _, err := os.Stat(path); err == nil {
		return draftKept
	}
	if cwd != "" {
		if _, err := os.Stat(filepath.Join(cwd, "flexslot-client.json")); err == nil {
			return "kept at ./flexslot-client.json, not at the draft path"
		}
	}
	return draftNone
}

// exitCode waits for the program to end and returns its exit code.
func (tm *term) exitCode() int {
	tm.t.Helper()
	code, _ := tm.exit()
	return code
}

// said is everything the pane holds, history included, with the lines the
// terminal wrapped joined again (a wrap may fall inside a word), folded.
func (tm *term) said() string {
	return folded(tm.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "e2e"))
}

// count is how many times the pane has said want.
func (tm *term) count(want string) int { return strings.Count(tm.said(), folded(want)) }

// waitSaid waits until the pane has said want, history included: the line
// prompts' waits, since what they said scrolls on.
func (tm *term) waitSaid(want string) {
	tm.t.Helper()
	tm.waitFor(fmt.Sprintf("%q", want), func() bool { return tm.count(want) > 0 })
}

// answer sends keys and waits until the scrollback shows want once more
// than before: the line prompts leave each question above the next.
func (tm *term) answer(want string, keys ...string) {
	tm.t.Helper()
	before := tm.count(want)
	tm.keys(keys...)
	tm.waitFor(fmt.Sprintf("%q once more", want), func() bool { return tm.count(want) > before })
}

// waitFor waits, as wait does, until done; want names it in the failure.
func (tm *term) waitFor(want string, done func() bool) {
	tm.t.Helper()
	for deadline := time.Now().Add(waitTimeout); !done(); time.Sleep(30 * time.Millisecond) {
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited %s for %s; the window shows:\n%s", waitTimeout, want, tm.screen())
		}
	}
}

// saveSecret saves the secret from the wizard's result screen to path,
// typed over what the field offers.
func (tm *term) saveSecret(path string) {
	tm.t.Helper()
	tm.press("Save to:", "s")
	tm.keys("C-u")
	tm.typ(path)
	tm.wait(path)
	tm.press("Saved the client id and secret to", "Enter")
}

// finish leaves the wizard's result screen.
func (tm *term) finish() {
	tm.t.Helper()
	tm.keys("Enter")
}

// choose answers the line prompts' numbered question that follows the last
// said with the option whose label starts with option, once the question
// waits for its answer.
func (tm *term) choose(said, option string) {
	tm.t.Helper()
	var number string
	tm.waitFor(fmt.Sprintf("%q offered after %q", option, said), func() bool {
		all := tm.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "e2e")
		i := strings.LastIndex(all, said)
		if i < 0 || !strings.Contains(all[i:], "Enter a number between") {
			return false
		}
		for _, line := range strings.Split(all[i:], "\n") {
			n, label, ok := strings.Cut(strings.TrimSpace(line), ". ")
			if ok && strings.HasPrefix(label, option) && strings.Trim(n, "0123456789") == "" {
				number = n
				return true
			}
		}
		return false
	})
	tm.keys(number, "Enter")
}

// saveSecretAsked answers the line prompts' questions after a secret is
// shown: no copy, saved to path.
func (tm *term) saveSecretAsked(path string) {
	tm.t.Helper()
	tm.waitSaid("Copy the secret to the clipboard?")
	tm.answer("Save the client id and secret to a file?", "Enter") // no copy
	tm.answer("Save to", "Enter")                                  // yes, save
	tm.reply("Save to", path)
	tm.waitSaid("Saved to")
}

// reply types text and enter once the line prompts' last line is the
// question that starts with prompt.
func (tm *term) reply(prompt, text string) {
	tm.t.Helper()
	tm.waitFor(fmt.Sprintf("the question %q", prompt), func() bool {
		lines := strings.Split(strings.TrimRight(tm.tmux("capture-pane", "-p", "-J", "-t", "e2e"), " \n"), "\n")
		return strings.HasPrefix(strings.TrimSpace(lines[len(lines)-1]), prompt)
	})
	tm.typ(text)
	tm.keys("Enter")
}

// leaveWithoutDraft leaves the wizard before anything more is sent, with esc,
// and declines to keep the answers.
func (tm *term) leaveWithoutDraft() {
	tm.t.Helper()
	tm.press("esc leave without saving", "Escape")
	tm.keys("Escape")
}

// keepDraft leaves the wizard with esc and keeps the answers at path, typed
// over what the offer proposes.
func (tm *term) keepDraft(path string) {
	tm.t.Helper()
	tm.press("Save to:", "Escape")
	tm.keys("C-u")
	tm.typ(path)
	tm.wait(path)
	tm.keys("Enter")
}

// interruptWithoutDraft stops the line prompts' questions with ctrl+c and
// declines to keep the answers.
func (tm *term) interruptWithoutDraft() {
	tm.t.Helper()
	tm.answer("Keep your answers?", "C-c")
	tm.declineDraft()
}

// declineDraft answers the line prompts' draft offer: leave without saving.
func (tm *term) declineDraft() {
	tm.t.Helper()
	tm.choose("Keep your answers?", "Leave without saving")
}
