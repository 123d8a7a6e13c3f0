package script

import (
	"errors"
	"fmt"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/secretfile"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
	"github.com/flexslot/flexslot-register/validate"
)

// deliver puts the new client and its secret where the options say, checking
// every write, and names the API's OAuth endpoints (on stderr, or in the
// JSON). A client id or secret that is not a credential is written
// nowhere. When a write fails, the run ends non-zero with a line naming the
// client and how to get a new secret; the secret itself goes to stderr only
// when stderr is a terminal (a CI log keeps it for months).
func deliver(resp *api.CreateClientResponse, opts Options, file *secretfile.Pending, io *iostreams.IOStreams) error {
	return deliverAs("Registered", resp, opts, file, io)
}

// deliverAs is deliver, with done saying what happened ("Registered", "New
// secret for"). A panic while it delivers is recovered: the run ends with
// exit 1, naming the client and, unless the secret was delivered somewhere
// already, how to get a new one.
func deliverAs(done string, resp *api.CreateClientResponse, opts Options, file *secretfile.Pending, io *iostreams.IOStreams) (err error) {
	c := resp.Client
	secret := resp.PlaintextClientSecret.Reveal()
	kind := flow.Judge(resp, nil, false).Kind
	if kind == flow.NotCredential {
		abort(file)
		return cli.Exit(cli.ExitFailed, fmt.Errorf("%s", advice.NotCredential()))
	}
	// A confidential client that came without its secret has none to
	// deliver: the file is not written (a file without the secret would
	// only fail the next step), and the run ends non-zero with the rotation.
	missing := kind == flow.CreatedWithoutSecret
	if missing && file != nil {
		abort(file)
		file = nil
	}
	var failures []string
	kept := secret == "" // where the secret is safe, if anywhere
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprint(io.ErrOut, "flexslot-register: "+cli.PanicReport(r))
			err = cli.Exit(cli.ExitFailed, errors.New(advice.Crashed(c.ClientID, kept && !missing)))
		}
	}()
	if file != nil {
		if err := file.Commit(c.ClientID, secret); err != nil {
			failures = append(failures, err.Error())
		} else {
			kept = true
			saved := "the client id and secret"
			if secret == "" {
				saved = "the client id"
			}
			say(io, &failures, "Saved %s to %s (readable by you only).\n", saved, file.Path())
		}
	}
	if opts.JSON {
		out := output{OAuth2Client: c.Sanitized(), Endpoints: flow.EndpointsOf(opts.baseURL)}
		if secret != "" {
			out.ClientSecret = &secret
		}
		if err := encodeJSON(io, out); err != nil {
			failures = append(failures, "could not write the JSON to stdout: "+err.Error())
		} else {
			kept = true
		}
	} else if _, err := fmt.Fprintln(io.Out, c.ClientID); err != nil {
		failures = append(failures, "could not write to stdout: "+err.Error())
	} else if opts.PrintSecret && secret != "" {
		if _, err := fmt.Fprintln(io.Out, secret); err != nil {
			failures = append(failures, "could not write the secret to stdout: "+err.Error())
		} else {
			kept = true
		}
	}
	say(io, &failures, "%s %q (%s client) as %s.\n%s", done, validate.Sanitize(c.ApplicationName), validate.Sanitize(c.ClientType), c.ClientID,
		flow.EndpointsOf(opts.baseURL).Rows())
	switch {
	case len(failures) > 0 && missing:
		return cli.Exit(cli.ExitFailed, errors.New(advice.CreatedBut(c.ClientID, failures)+" "+advice.SecretNotSent(c.ClientID)))
	case len(failures) > 0:
		return lost(c.ClientID, secret, kept, failures, io)
	case missing:
		words := advice.SecretNotSent(c.ClientID)
		if opts.SecretFile != "" {
			words += " Nothing was written to " + opts.SecretFile + "."
		}
		return cli.Exit(cli.ExitFailed, errors.New(words))
	}
	return nil
}

// say writes a message on stderr, noting a failure to.
func say(io *iostreams.IOStreams, failures *[]string, format string, args ...any) {
	if _, err := fmt.Fprintf(io.ErrOut, format, args...); err != nil {
		*failures = append(*failures, "could not write to stderr: "+err.Error())
	}
}

// lost reports writes that failed after the client was created: which
// client, what failed, and where its secret is, or how to get a new one.
func lost(clientID, secret string, kept bool, failures []string, io *iostreams.IOStreams) error {
	words := advice.CreatedBut(clientID, failures)
	switch {
	case secret == "":
	case kept:
		words += " Its secret was delivered where you asked."
	case io.IsStderrTTY():
		fmt.Fprintf(io.ErrOut, "flexslot-register: %s\nThe client secret, shown only now and only because stderr is a terminal: %s\n", words, secret)
		return cli.Exit(cli.ExitFailed, nil)
	default:
		words += " Its secret is lost: " + advice.Rotate(clientID)
	}
	return cli.Exit(cli.ExitFailed, errors.New(words))
}
