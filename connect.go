package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/credstore"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// apiOptions is how a command that talks to the API reaches it: the flags
// that choose the API and the token. Every such command has them; check,
// which asks the API nothing, does not.
type apiOptions struct {
	sandbox, tokenStdin bool
	apiURL              string
	// dpop is how the --sandbox run's sandbox treats DPoP.
	dpop dpopFlags
}

// dpopFlags are --dpop-bound and --dpop-nonce: the sandbox's DPoP switches
// (sandbox.Config), for the sandbox command and --sandbox runs.
type dpopFlags struct {
	bound, nonce bool
}

// bindDPoPFlags defines --dpop-bound and --dpop-nonce on cmd.
func bindDPoPFlags(cmd *cobra.Command, d *dpopFlags) {
	fs := cmd.Flags()
	fs.BoolVar(&d.bound, "dpop-bound", false, "Make every client the sandbox registers DPoP-bound "+
		"(dpop_bound_access_tokens), as the partner admin does: its tokens need DPoP proofs (RFC 9449).")
	fs.BoolVar(&d.nonce, "dpop-nonce", false, "Make the sandbox's token endpoint ask for a DPoP nonce of its own in each proof (RFC 9449 §8).")
}

// config sets the sandbox's DPoP switches in cfg.
func (d dpopFlags) config(cfg sandbox.Config) sandbox.Config {
	cfg.DPoPBound, cfg.DPoPNonce = d.bound, d.nonce
	return cfg
}

// bindAPIFlags defines --sandbox, --api-url, --token-stdin and the sandbox's
// DPoP flags on cmd, with
// the API's URL from FLEXSLOT_API_URL until --api-url says otherwise.
func bindAPIFlags(cmd *cobra.Command, o *apiOptions) {
	fs := cmd.Flags()
	fs.BoolVar(&o.sandbox, "sandbox", false, "Use an in-process sandbox API: try it with no account.")
	fs.StringVar(&o.apiURL, "api-url", os.Getenv("FLEXSLOT_API_URL"), "The API's base URL (FLEXSLOT_API_URL; default https://api.flexslot.gg).")
	fs.BoolVar(&o.tokenStdin, "token-stdin", false, "Read the token from the first line of stdin, "+
		"instead of FLEXSLOT_TOKEN. There is no --token flag: it would land in shell history and ps.")
	bindDPoPFlags(cmd, &o.dpop)
	noFiles(cmd, "api-url")
}

// check refuses an API URL that cannot work (plain http to a host that is
// not loopback, no host, ...), and records the API for the commands the
// advice gives (advice.SetAPI).
func (o apiOptions) check() error {
	advice.SetAPI(o.sandbox, o.apiURL)
	if (o.dpop.bound || o.dpop.nonce) && !o.sandbox {
		return cli.Usage(errors.New("--dpop-bound and --dpop-nonce set up the sandbox: give them with --sandbox (the real API's clients are DPoP-bound in the partner admin)"))
	}
	if _, err := api.ParseBaseURL(o.apiURL); err != nil {
		return cli.Usage(err)
	}
	return nil
}

// connect makes an API client for a token.
func (o apiOptions) connect(token string) (*api.Client, error) {
	return api.New(o.apiURL, token, api.WithVersion(buildVersion()))
}

// openAPI readies the API for a run: the token (FLEXSLOT_TOKEN or stdin), or
// an in-process sandbox and its token with --sandbox, which then becomes the
// API's URL. The returned func stops the sandbox.
func (o *apiOptions) openAPI(streams *iostreams.IOStreams) (token string, closeSandbox func(), err error) {
	if err := o.check(); err != nil {
		return "", nil, err
	}
	token, _, err = o.token(streams)
	if err != nil {
		return "", nil, err
	}
	if !o.sandbox {
		return token, func() {}, nil
	}
	// The shared sandbox: what an earlier --sandbox run registered is there.
	running, err := sandbox.Start("127.0.0.1:0", o.dpop.config(sandboxConfig(streams)))
	if err != nil {
		return "", nil, err
	}
	o.apiURL = running.URL
	return running.Token(), func() { running.Close() }, nil
}

// openClient is openAPI and an API client with its token, for the commands
// that need one; the token is required. The returned func stops the sandbox.
func (o *apiOptions) openClient(streams *iostreams.IOStreams) (*api.Client, func(), error) {
	token, closeSandbox, err := o.openAPI(streams)
	if err != nil {
		return nil, nil, err
	}
	if token == "" {
		closeSandbox()
		return nil, nil, cli.Usage(errors.New(advice.NoToken()))
	}
	client, err := o.connect(token)
	if err != nil {
		closeSandbox()
		return nil, nil, cli.Usage(err)
	}
	return client, closeSandbox, nil
}

// tokenVar is the environment variable of the token.
const tokenVar = "FLEXSLOT_TOKEN"

// readToken returns the token given to this run: FLEXSLOT_TOKEN, or the first
// line of stdin with fromStdin (--token-stdin); both at once is refused, as
// two tokens of which one would be dropped unsaid. Empty when neither: then
// the token kept by login is used (apiOptions.token), else the wizard asks. It
// takes the token out of the process's environment, so that no child (the
// clipboard tool, which outlives the run; git, which runs the repository's
// hooks and fsmonitor) inherits it.
func readToken(fromStdin bool, streams *iostreams.IOStreams) (string, error) {
	token := os.Getenv(tokenVar)
	os.Unsetenv(tokenVar)
	if !fromStdin {
		return token, nil
	}
	if token != "" {
		return "", cli.Usage(errors.New("FLEXSLOT_TOKEN is set and --token-stdin given: give the token one way (unset FLEXSLOT_TOKEN, or leave out --token-stdin)"))
	}
	if streams.IsStdinTTY() {
		return "", cli.Usage(errors.New("--token-stdin reads the token from a pipe; in a terminal, leave it out and the wizard asks for the token (masked)"))
	}
	// Nothing else reads stdin in a scripted run: buffering is fine.
	line, err := bufio.NewReader(streams.In).ReadString('\n')
	if (err != nil && !errors.Is(err, io.EOF)) || strings.TrimSpace(line) == "" {
		return "", cli.Usage(errors.New("--token-stdin: no token on the first line of stdin"))
	}
	return strings.TrimSpace(line), nil
}

// The places a token given to a run comes from, as status names them; a
// kept one is named by its credstore.Place.
const (
	fromEnv     = "FLEXSLOT_TOKEN"
	fromStdin   = "stdin (--token-stdin)"
	fromSandbox = "the in-process sandbox (its own token)"
)

// openStore opens the store of kept tokens; tests replace it.
var openStore = func() (*credstore.Store, error) { return credstore.New() }

// token returns the token of a run and where it came from, in this order:
// FLEXSLOT_TOKEN, --token-stdin, the token login kept for this API. Empty
// when there is none (the wizard asks), and under --sandbox, whose sandbox
// has its own: the store is not asked then. A store that cannot be read is
// said on stderr, and the run goes on as without it.
func (o *apiOptions) token(streams *iostreams.IOStreams) (token, from string, err error) {
	token, err = readToken(o.tokenStdin, streams)
	if err != nil || token != "" {
		from = fromEnv
		if o.tokenStdin {
			from = fromStdin
		}
		return token, from, err
	}
	if o.sandbox {
		return "", "", nil
	}
	key, err := o.storeKey()
	if err != nil {
		return "", "", cli.Usage(err)
	}
	store, err := openStore()
	if err == nil {
		var place credstore.Place
		token, place, err = store.Load(key)
		if err == nil {
			return token, place.String(), nil
		}
	}
	if !errors.Is(err, credstore.ErrNotFound) {
		fmt.Fprintf(streams.ErrOut, "flexslot-register: the token kept for %s could not be read: %v\n", key, err)
	}
	return "", "", nil
}

// storeKey is the key of this run's API among the kept tokens: the in-process
// sandbox's own under --sandbox (its URL changes every run), else the API's
// base URL.
func (o apiOptions) storeKey() (string, error) {
	if o.sandbox {
		return credstore.SandboxKey, nil
	}
	return credstore.Key(o.apiURL)
}
