package lines

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"charm.land/huh/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/clipboard"
	"github.com/flexslot/flexslot-register/validate"
)

// The line prompts' choices after the review and after a failure.
const (
	choiceCreate = "create"
	choiceEdit   = "edit"
	choiceCurl   = "curl"
	choiceRetry  = "retry"
	choiceQuit   = "quit"
	choiceAsk    = "ask"
)

// Prompts runs the registration as plain line prompts, for screen readers (huh's
// accessible mode): the same questions, rules and server calls as the
// full-screen wizard, one line at a time, with no alternate screen.
type Prompts struct {
	cfg     flow.Config
	in      *lineInput
	out     io.Writer
	raw     io.Writer // the terminal itself, for OSC 52
	req     *api.CreateClientRequest
	client  flow.API
	partner *api.Partner
	token   string
	created *api.CreateClientResponse
	// clip clears a copy of the secret from the system clipboard, in the
	// background or at the end of Run; nil while nothing was copied there.
	clip *clipboard.Pending

	mu sync.Mutex
	// asking: the prompts ask for the request's answers, and nothing may
	// exist yet, so an interrupt offers to keep them (see Interrupt).
	asking bool
	result flow.Result // read by Progress from another goroutine
}

// New returns the line prompts, reading in and writing out; an OSC
// 52 copy goes to terminal.
func New(cfg flow.Config, in io.Reader, out, terminal io.Writer) *Prompts {
	cfg = cfg.WithDefaults() // the same defaults as the full-screen wizard
	req := cfg.Request.WithDefaults()
	// Plain text only: huh writes styled titles, which a screen reader would
	// read out as noise.
	plain := &colorprofile.Writer{Forward: out, Profile: colorprofile.NoTTY}
	input := newLineInput(in)
	return &Prompts{cfg: cfg, in: input, out: quietWriter{w: plain, in: input}, raw: terminal, req: &req, token: cfg.Token}
}

// Run runs the line prompts to the end; see Prompts.
func Run(ctx context.Context, cfg flow.Config, in io.Reader, out io.Writer) flow.Result {
	return New(cfg, in, out, out).Run(ctx)
}

// Run asks, registers and shows the result as plain text, the secret clearly
// labelled, since a screen reader cannot use the alternate screen. The secret
// is copied to the clipboard only when asked, and cleared from it after
// ClipboardClear, or at the end of Run if it is still there.
func (a *Prompts) Run(ctx context.Context) flow.Result {
	if err := a.run(ctx); err != nil {
		left := errors.Is(err, huh.ErrUserAborted) || errors.Is(err, io.EOF) || errors.Is(err, errInterrupted)
		var said saidError
		if errors.As(err, &said) {
			err = said.err
		}
		a.update(func(r *flow.Result) {
			r.Err = err
			if !left {
				r.Outcome, r.ErrSaid = flow.OutcomeFailed, true // said here or by leave
			}
		})
		if !left && said.err == nil {
			fmt.Fprintln(a.out, "Stopped:", err)
		}
	}
	a.clearClipboardAtEnd()
	return a.Progress()
}

// Progress is what the prompts have done so far, safe to read while Run
// blocks in a prompt: whether a client was created, where its secret went,
// and whether a create may have gone through (InFlight).
func (a *Prompts) Progress() flow.Result {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.result
}

// update changes the result under the lock.
func (a *Prompts) update(change func(*flow.Result)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	change(&a.result)
}

// saidError is an error the prompts have said already.
type saidError struct{ err error }

func (s saidError) Error() string { return s.err.Error() }
func (s saidError) Unwrap() error { return s.err }

// check turns what ended a prompt into errInterrupted or io.EOF: a
// prompt answers a stopped or ended input with its default, and some end
// with io.ErrUnexpectedEOF.
func (a *Prompts) check(err error) error {
	interrupted, ended := a.in.state()
	switch {
	case interrupted:
		return errInterrupted
	case ended && (err == nil || errors.Is(err, io.ErrUnexpectedEOF)):
		return io.EOF
	}
	return err
}

// Interrupt stops the prompt under way, as ctrl+c, a signal in line mode,
// asks: while the prompts ask for the request's answers, the prompt is
// stopped and Run offers to keep them, then ends; it reports whether it did.
// While a create is under way, or after one, it does nothing and reports
// false: what is done is in Progress.
func (a *Prompts) Interrupt() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.asking {
		return false
	}
	a.in.interrupt()
	return true
}

// setAsking says whether an interrupt may still offer to keep the answers.
// It refuses to stop asking once an interrupt came, so that no create starts
// after one.
func (a *Prompts) setAsking(asking bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if interrupted, _ := a.in.state(); interrupted && a.asking {
		return errInterrupted
	}
	a.asking = asking
	return nil
}

// leave ends the asking with err: after an interrupt, the end of the input
// or a failure in the middle of it, it offers to keep the answers, then
// passes err on.
func (a *Prompts) leave(err error) error {
	if err == nil {
		return nil
	}
	a.mu.Lock()
	asking := a.asking
	a.asking = false
	a.mu.Unlock()
	if !asking || !api.HasAnswers(*a.req) {
		return err
	}
	if errors.Is(err, errInterrupted) || errors.Is(err, io.EOF) {
		a.in.resume()
		a.say("")
	} else {
		a.say("Stopped: %s", err)
		err = saidError{err}
	}
	if offerErr := a.offerDraft(); offerErr != nil && !errors.Is(offerErr, errInterrupted) && !errors.Is(offerErr, io.EOF) {
		return offerErr
	}
	return err
}

func (a *Prompts) say(format string, args ...any) { fmt.Fprintf(a.out, format+"\n", args...) }

func (a *Prompts) run(ctx context.Context) error {
	if err := a.preflight(ctx); err != nil {
		return err
	}
	if a.cfg.Mode == flow.ModeRotate {
		return a.rotateFlow(ctx)
	}
	if err := a.setAsking(true); err != nil {
		return err
	}
	if err := a.ask(a.cfg.Given); err != nil {
		return a.leave(err)
	}
	for {
		if err := a.check(nil); err != nil {
			return a.leave(err) // stopped during a request: no review and go-live check first
		}
		if !a.cfg.SkipReview {
			a.review()
		}
		existing, err := a.existing(ctx)
		if err != nil {
			return a.leave(err)
		}
		if existing != nil && a.cfg.IfExists != "" {
			return a.leave(a.onExisting(ctx, *existing))
		}
		choice, lacked := choiceCreate, []string(nil) // --yes: sent without the review, as the wizard does
		if !a.cfg.SkipReview {
			if choice, lacked, err = a.whatNow(existing); err != nil {
				return a.leave(err)
			}
		}
		switch choice {
		case choiceRotate:
			return a.leave(a.rotateExisting(ctx, *existing))
		case choiceAsk:
			if err := a.askForScopes(ctx, lacked); err != nil {
				return a.leave(err)
			}
			continue
		case choiceQuit:
			return a.offerDraft()
		case choiceCurl:
			a.say("%s", api.CurlCreate(a.client.BaseURL(), *a.req))
			continue
		case choiceEdit:
			if err := a.ask(nil); err != nil {
				return a.leave(err)
			}
			continue
		}
		done, err := a.submit(ctx)
		if err != nil || done {
			return a.leave(err)
		}
	}
}

// preflight checks the token and the partner, asking for a token while there
// is none or the server refuses it.
func (a *Prompts) preflight(ctx context.Context) error {
	for {
		if a.token == "" {
			in := a.in.password()
			if in == io.Reader(a.in) {
				// Only a terminal's descriptor can read a token unechoed.
				return errors.New("the line prompts cannot ask for a token now: one is read unechoed from the terminal itself, " +
					"which they can do only before the first answer; set FLEXSLOT_TOKEN (or pipe it with --token-stdin) and run again")
			}
			var token string
			field := huh.NewInput().Title("Personal access token (Settings, Personal Access Tokens on flexslot.gg):").
				EchoMode(huh.EchoModePassword).Value(&token).Validate(validate.Token)
			// An interrupt cannot stop this read for the draft offer (it
			// reads the terminal, not the prompts' input): while it asks,
			// ctrl+c leaves. Only values from flags or a manifest can be
			// there: a typed answer rules this prompt out (password).
			a.mu.Lock()
			wasAsking := a.asking
			a.asking = false
			a.mu.Unlock()
			if err := a.check(field.RunAccessible(a.out, in)); err != nil {
				return err
			}
			if err := a.setAsking(wasAsking); err != nil {
				return err
			}
			a.token = strings.TrimSpace(token)
		}
		client, err := a.cfg.Connect(a.token)
		if err != nil {
			a.say("%s", err)
			a.token = ""
			continue
		}
		a.client = client
		a.say("Checking the token and the partner account…")
		meta, err := client.GetAccessToken(ctx)
		var partner *api.Partner
		if err == nil {
			partner, err = client.GetPartner(ctx)
		}
		switch {
		case api.IsUnauthorized(err):
			a.say("The server refused this token (401). Paste a valid personal access token.")
			a.token = ""
			continue
		case err != nil:
			return explain(err)
		case partner.Status != api.StatusActive:
			return fmt.Errorf("your partner account is %s; it may not register OAuth2 clients. Contact partner support to reactivate it", partner.Status)
		}
		a.say("Token %s… · partner %s (%s, %s tier).", meta.TokenPrefix, partner.DisplayName(), partner.Status, partner.RateLimitTier)
		a.partner = partner
		return a.offerKeep()
	}
}

// explain adds what to do about an API error to its message.
func explain(err error) error {
	return fmt.Errorf("%s", strings.Join(advice.Of(err).Lines(), " "))
}

// choose asks for one of pairs of (value, label).
func (a *Prompts) choose(title string, pairs ...string) (string, error) {
	var choice string
	options := make([]huh.Option[string], 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		options = append(options, huh.NewOption(pairs[i+1], pairs[i]))
	}
	field := huh.NewSelect[string]().Title(title).Options(options...).Value(&choice)
	if err := a.prompt(field); err != nil {
		return "", err
	}
	return choice, nil
}

// showResult prints the client id and the secret as plain text, then offers
// the clipboard and a file.
func (a *Prompts) showResult(ctx context.Context) error {
	if err := a.showSecret(); err != nil {
		return err
	}
	return a.offerSignin(ctx)
}

// showSecret prints the client id and the secret as plain text, then offers
// the clipboard (offerCopy) and a file.
func (a *Prompts) showSecret() error {
	c := a.created.Client
	secret := a.created.PlaintextClientSecret.Reveal()
	done := "Registered"
	if a.Progress().Rotated {
		done = "New secret for"
	}
	a.say("\n%s %q (%s client).", done, validate.Sanitize(c.ApplicationName), validate.Sanitize(c.ClientType))
	if !advice.CredentialsValid(c.ClientID, secret) {
		a.say("%s", advice.NotCredential())
		return nil
	}
	a.say("Client ID: %s", c.ClientID)
	if secret == "" && c.ClientType != validate.ClientPublic {
		a.say("%s", advice.SecretNotSent(c.ClientID))
		return nil
	}
	if secret == "" {
		a.say("%s", advice.PublicClient(c))
		if link := api.AuthorizeURLTemplate(a.client.BaseURL(), c); link != "" {
			a.say("%s", link)
		}
		return nil
	}
	a.say("Client secret, shown only this once: %s", secret)
	if err := a.offerCopy(secret); err != nil {
		return err
	}
	return a.offerSave(c.ClientID, secret)
}
