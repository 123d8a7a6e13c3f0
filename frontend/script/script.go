// Package script is the non-interactive front end: it registers from flags, a
// manifest and the environment, asks nothing, prints data on stdout and
// everything else on stderr.
package script

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/golive"
	"github.com/flexslot/flexslot-register/domain/recovery"
	"github.com/flexslot/flexslot-register/domain/secretfile"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// API is what a scripted run needs of the API; *api.Client has it.
type API interface {
	CreateOAuth2Client(context.Context, api.CreateClientRequest) (*api.CreateClientResponse, error)
	ListOAuth2Clients(context.Context) ([]api.OAuth2Client, error)
	RotateSecret(ctx context.Context, clientID string) (*api.CreateClientResponse, error)
	GetPartner(context.Context) (*api.Partner, error)
	BaseURL() string
}

// Options is a scripted registration.
type Options struct {
	// Request is what to register; the server's defaults are filled in.
	Request api.CreateClientRequest
	// Token is the personal access token.
	Token string
	// JSON prints the created client and its secret as one JSON object.
	JSON bool
	// PrintSecret prints the secret on stdout, on the line after the client id.
	PrintSecret bool
	// SecretFile receives the .env lines; it is created before the request.
	SecretFile string
	// Force lets SecretFile replace an existing file.
	Force bool
	// Connect makes the API client for a token.
	Connect func(token string) (API, error)
	// RotateIfCreated takes the rotation path when a create whose answer was
	// lost turns out to have gone through: the new secret goes where the
	// options say, as a create's would.
	RotateIfCreated bool
	// IfExists says what to do when a client of the same name exists
	// already: flow.IfExistsFail (the default), flow.IfExistsReuse or
	// flow.IfExistsRotate.
	IfExists string
	// DryRun marks the options of a dry run, whose words differ.
	DryRun bool
	// CheckLinks is the go-live check a dry run runs; nil skips it
	// (--offline).
	CheckLinks func(context.Context, api.CreateClientRequest) golive.Report

	// baseURL is the API's, from the client Connect made: where the
	// endpoints a client's output names lie.
	baseURL string
}

// Format prints the options without the token, for every fmt verb.
func (o Options) Format(f fmt.State, _ rune) {
	token := `""`
	if o.Token != "" {
		token = "[redacted]"
	}
	fmt.Fprintf(f, "script.Options{Token: %s, Request: %+v, JSON: %v, PrintSecret: %v, SecretFile: %q}", token, o.Request, o.JSON, o.PrintSecret, o.SecretFile)
}

// output is the JSON printed with --json: the client as the server returned
// it, plus its secret; no client_secret when there is none (a public
// client, a confidential one the server sent without it, or one reused).
// Reused tells a client that --if-exists reuse handed back, with no secret,
// from one this run created or gave a new secret. Endpoints are the API's
// OAuth endpoints (flow.EndpointsOf), for the app's configuration.
type output struct {
	api.OAuth2Client
	ClientSecret *string        `json:"client_secret,omitempty"`
	Reused       bool           `json:"reused"`
	Endpoints    flow.Endpoints `json:"endpoints"`
}

// encodeJSON writes v to stdout as indented JSON.
func encodeJSON(io *iostreams.IOStreams, v any) error {
	enc := json.NewEncoder(io.Out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Run registers opts.Request without a terminal. Its error carries the exit
// code (cli.CodeOf); what went wrong has been printed on stderr.
func Run(ctx context.Context, opts Options, io *iostreams.IOStreams) error {
	req := opts.Request.WithDefaults()
	if err := preflight(opts, io); err != nil {
		return err
	}
	file, err := prepareSecretFile(opts)
	if err != nil {
		return err
	}
	client, err := opts.Connect(opts.Token)
	if err != nil {
		abort(file)
		return cli.Exit(cli.ExitFailed, err)
	}
	opts.baseURL = client.BaseURL()
	// A run that runs again (a CI job re-run, every deploy) must not send a
	// second create: find the client of that name first.
	if existing, err := flow.FindByName(ctx, client, req.ApplicationName); err != nil {
		abort(file)
		return cli.Exit(cli.ExitFailed, fmt.Errorf("could not check whether %q exists already: %s", req.ApplicationName, strings.Join(advice.Of(err).Lines(), " ")))
	} else if existing != nil {
		return onExisting(ctx, client, *existing, opts, file, io)
	}
	since := time.Now()
	resp, err := client.CreateOAuth2Client(ctx, req)
	answer := flow.Judge(resp, err, ctx.Err() != nil)
	switch answer.Kind {
	case flow.Created, flow.CreatedWithoutSecret, flow.NotCredential:
		return deliver(resp, opts, file, io)
	case flow.Cancelled:
		abort(file)
		report(io, req, err)
		fmt.Fprintln(io.ErrOut, advice.FindOut())
		return cli.Exit(cli.ExitCancelled, nil)
	case flow.MayExist:
		report(io, req, err)
		return recoverLost(ctx, client, req, since, opts, file, io)
	}
	// Nothing was created: a refusal, the token refused, a wait asked
	// for; none of them is a person's to answer here.
	abort(file)
	report(io, req, err)
	if answer.ScopesRefused() {
		adviseLackedScopes(ctx, client, req, io)
	}
	return cli.Exit(cli.ExitFailed, nil)
}

// onExisting does with a client of the same name what flow.WhenExists
// decides for --if-exists.
func onExisting(ctx context.Context, client API, c api.OAuth2Client, opts Options, file *secretfile.Pending, io *iostreams.IOStreams) error {
	found := flow.WhenExists(flow.IfExists(opts.IfExists), c, opts.Request)
	switch found.Kind {
	case flow.ExistsReuse, flow.ExistsReuseDiffers:
		return reuse(c, found, opts, file, io)
	case flow.ExistsRotate:
		fmt.Fprintf(io.ErrOut, "%s %s\n", found.Headline, found.Next)
		resp, err := client.RotateSecret(ctx, c.ClientID)
		if err != nil {
			abort(file)
			return cli.Exit(cli.ExitFailed, fmt.Errorf("%s", strings.Join(advice.Of(err).Lines(), " ")))
		}
		return deliverAs("New secret for", resp, opts, file, io)
	}
	abort(file)
	_, err := found.Ending(opts.SecretFile)
	return err
}

// exitOnWrite maps a failed write to exit 1.
func exitOnWrite(err error) error {
	if err != nil {
		return cli.Exit(cli.ExitFailed, err)
	}
	return nil
}

// recoverLost finds out whether a create whose answer was lost went through,
// says so on stderr, and with --rotate-if-created rotates the secret of the
// client it found. It never sends the create again.
func recoverLost(ctx context.Context, client API, req api.CreateClientRequest, since time.Time, opts Options, file *secretfile.Pending, io *iostreams.IOStreams) error {
	finding := recovery.Check(ctx, client, req, since)
	headline, next := advice.Found(finding, req.ApplicationName)
	fmt.Fprintln(io.ErrOut, "flexslot-register:", headline)
	if finding.Verdict != recovery.Created {
		abort(file)
		fmt.Fprintln(io.ErrOut, next)
		return cli.Exit(cli.ExitFailed, nil)
	}
	id := finding.Client.ClientID
	if !opts.RotateIfCreated {
		abort(file)
		fmt.Fprintf(io.ErrOut, "Get its secret with `%s` and the same output flags, or run this again with --rotate-if-created.\n", advice.CommandLine("rotate", id))
		return cli.Exit(cli.ExitFailed, nil)
	}
	fmt.Fprintf(io.ErrOut, "Rotating the secret of %s (--rotate-if-created)…\n", id)
	resp, err := client.RotateSecret(ctx, id)
	if err != nil {
		abort(file)
		return cli.Exit(cli.ExitFailed, fmt.Errorf("%s", strings.Join(advice.Of(err).Lines(), " ")))
	}
	return deliverAs("New secret for", resp, opts, file, io)
}

// uncaptured says why what (a secret) would be kept nowhere: no option
// captures it, or the only one that does is stdout and stdout is the null
// device (`> /dev/null`, or closed); "" when something keeps it.
func uncaptured(opts Options, io *iostreams.IOStreams, what string) string {
	switch {
	case opts.SecretFile != "":
		return ""
	case !opts.JSON && !opts.PrintSecret:
		return what + " is shown only once, and nothing would capture it: add --secret-file PATH, --print-secret or --json"
	case io.IsStdoutNull():
		return what + " is shown only once, and stdout is the null device (> /dev/null, or closed), so " + stdoutFlag(opts) +
			" would print it nowhere: send stdout to a file or a pipe, or add --secret-file PATH"
	}
	return ""
}

// stdoutFlag names the option that prints the secret on stdout.
func stdoutFlag(opts Options) string {
	if opts.JSON {
		return "--json"
	}
	return "--print-secret"
}

// prepareSecretFile makes the --secret-file before any request is sent, so
// that no secret is created with nowhere to go; nil without one.
func prepareSecretFile(opts Options) (*secretfile.Pending, error) {
	if opts.SecretFile == "" {
		return nil, nil
	}
	f, err := secretfile.Prepare(opts.SecretFile, opts.Force)
	if err != nil {
		return nil, cli.Usage(errors.New(secretFileProblem(err)))
	}
	return f, nil
}

// abort removes the secret file made for a client that was not created; an
// old file it was to replace is untouched.
func abort(f *secretfile.Pending) {
	if f != nil {
		f.Abort()
	}
}

// report prints why the request failed: the server's complaints naming the
// flags, or the failure with what to do.
func report(io *iostreams.IOStreams, req api.CreateClientRequest, err error) {
	if api.IsValidation(err) {
		for _, fe := range api.FieldErrorsOf(err) {
			where := cli.FlagOf(req, fe)
			if where == "" {
				where = "server"
			}
			fmt.Fprintf(io.ErrOut, "flexslot-register: %s: %s\n", where, fe.Message)
		}
		return
	}
	words := advice.Of(err)
	fmt.Fprintln(io.ErrOut, "flexslot-register:", words.Problem)
	for _, line := range words.Lines()[1:] {
		fmt.Fprintln(io.ErrOut, line)
	}
}

// adviseLackedScopes follows a refusal of the request's scopes with what the
// wizard and the line prompts say of scopes the partner account does not
// list, and the request-scopes command that asks for them. The partner's
// scopes are asked for only then (a GET): a run that is not refused there
// costs no request more.
func adviseLackedScopes(ctx context.Context, client API, req api.CreateClientRequest, io *iostreams.IOStreams) {
	partner, err := client.GetPartner(ctx)
	if err != nil {
		return
	}
	if lacked := flow.LackedScopes(partner, req.AllowedScopes); len(lacked) > 0 {
		words, command := advice.LackedScopes(lacked)
		fmt.Fprintf(io.ErrOut, "%s\n  %s\n", words, command)
	}
}
