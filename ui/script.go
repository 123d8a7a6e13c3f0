package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"flexslot-register/api"
)

// ScriptConfig is the non-interactive front end's input: everything comes from
// flags, a manifest and the environment, and nothing is ever asked.
type ScriptConfig struct {
	// Connect makes the API client for Token.
	Connect func(token string) (API, error)
	Token   string
	Request api.CreateClientRequest
	// JSON prints the created client and its secret as one JSON object.
	JSON bool
	// PrintSecret prints the secret on stdout, on the line after the client id.
	PrintSecret bool
	// SecretFile, created before the request so that a client is never created
	// whose secret has nowhere to go, receives the .env lines; nil for none.
	SecretFile *os.File
	// FlagOf names the flag a server field error is about, e.g. "--redirect-uri #2".
	FlagOf func(api.FieldError) string
}

// Format prints the configuration without its token, for every fmt verb.
func (c ScriptConfig) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "ui.ScriptConfig{Token: %s, Request: %+v, JSON: %v, PrintSecret: %v}", redactedToken(c.Token), c.Request, c.JSON, c.PrintSecret)
}

// ErrRefused is wrapped by RunScript's error when the server refused the
// request's values; the reasons were printed, naming the flags.
var ErrRefused = errors.New("the server refused the request")

// scriptOutput is the JSON printed with --json: the client as the server
// returned it, plus its secret.
type scriptOutput struct {
	api.OAuth2Client
	ClientSecret string `json:"client_secret"`
}

// RunScript registers cfg.Request without a terminal: data on stdout (the
// client id, and the secret only where asked), everything else on stderr.
func RunScript(ctx context.Context, cfg ScriptConfig, stdout, stderr io.Writer) (Result, error) {
	client, err := cfg.Connect(cfg.Token)
	if err != nil {
		return Result{Outcome: OutcomeFailed, Err: err}, err
	}
	resp, err := client.CreateOAuth2Client(ctx, cfg.Request)
	if err != nil {
		return Result{Outcome: OutcomeFailed, Err: err}, reportScriptError(err, cfg.FlagOf, stderr)
	}
	result := Result{Outcome: OutcomeRegistered, Created: resp}
	c := resp.Client
	secret := resp.PlaintextClientSecret.Reveal()
	if cfg.SecretFile != nil {
		if err := writeSecretFile(cfg.SecretFile, c.ClientID, secret); err != nil {
			// The server will never show this secret again: better on the
			// terminal than lost.
			fmt.Fprintf(stderr, "flexslot-register: could not write %s (%v); the client secret, shown only now: %s\n", cfg.SecretFile.Name(), err, secret)
		} else {
			result.SavedTo = cfg.SecretFile.Name()
			fmt.Fprintf(stderr, "Saved the client id and secret to %s (readable by you only).\n", result.SavedTo)
		}
	}
	switch {
	case cfg.JSON:
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(scriptOutput{OAuth2Client: c, ClientSecret: secret}); err != nil {
			return result, err
		}
	default:
		fmt.Fprintln(stdout, c.ClientID)
		if cfg.PrintSecret && secret != "" {
			fmt.Fprintln(stdout, secret)
		}
	}
	fmt.Fprintf(stderr, "Registered %q (%s client) as %s.\n", c.ApplicationName, c.ClientType, c.ClientID)
	return result, nil
}

// writeSecretFile writes the .env lines into the file made for them.
func writeSecretFile(f *os.File, clientID, secret string) error {
	_, err := f.WriteString(envFile(clientID, secret))
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	return err
}

// CreateSecretFile makes the file for the secret before anything is sent,
// readable by the owner only: never over an existing file unless force.
func CreateSecretFile(path string, force bool) (*os.File, error) {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(expandHome(path), flags, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil, fileExistsError{path}
	}
	if err != nil {
		return nil, err
	}
	if force {
		// O_TRUNC keeps an existing file's mode: make it private too.
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			return nil, err
		}
	}
	return f, nil
}

// fileExistsError says a secret file would be overwritten; it matches
// fs.ErrExist.
type fileExistsError struct{ path string }

func (e fileExistsError) Error() string { return e.path + " already exists" }
func (e fileExistsError) Unwrap() error { return fs.ErrExist }

// reportScriptError prints why the request failed: the server's complaints
// naming the flags, or the error with what to do.
func reportScriptError(err error, flagOf func(api.FieldError) string, stderr io.Writer) error {
	if api.IsValidation(err) {
		for _, fe := range err.(*api.Error).Fields {
			where := "server"
			if flagOf != nil {
				if name := flagOf(fe); name != "" {
					where = name
				}
			}
			fmt.Fprintf(stderr, "flexslot-register: %s: %s\n", where, fe.Message)
		}
		return fmt.Errorf("%w: %w", ErrRefused, err)
	}
	fmt.Fprintln(stderr, "flexslot-register:", err)
	var e *api.Error
	if errors.As(err, &e) && e.Hint() != "" {
		fmt.Fprintln(stderr, e.Hint())
	}
	return err
}
