package script

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/secretfile"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
	"github.com/flexslot/flexslot-register/validate"
)

// noUpdate is what a run that found a client unlike its request can do
// about it: the API has no endpoint to update a client.
const noUpdate = "The API has no endpoint to update a client, so --if-exists reuse cannot make it match the request: " +
	"register the request under another --name, change the request to match the client, " +
	"or manage the client on the flexslot dashboard (Account → API access)."

// Differences names each way the registered client c differs from req (with
// the server's defaults filled in), a line a field, by its flag: the text
// fields compared as they are, the lists (redirect URIs, scopes, grant
// types) as sets, and a client that is not active. None when c is what req
// describes.
func Differences(c api.OAuth2Client, req api.CreateClientRequest) []string {
	req = req.WithDefaults()
	registered := api.CreateClientRequest{ApplicationName: c.ApplicationName, RedirectURIs: c.RedirectURIs, AllowedScopes: c.AllowedScopes,
		ClientType: c.ClientType, GrantTypes: c.GrantTypes, ApplicationURL: c.ApplicationURL, ApplicationLogoURL: c.ApplicationLogoURL,
		PrivacyPolicyURL: c.PrivacyPolicyURL, TOSURL: c.TOSURL}
	var diffs []string
	for _, f := range api.Fields {
		asked, has := f.Values(req), f.Values(registered)
		if !f.IsList() {
			if a, h := strings.TrimSpace(first(asked)), strings.TrimSpace(first(has)); a != h {
				diffs = append(diffs, fmt.Sprintf("--%s: the request says %s, the client %s", f.Flag, shown(a), shown(h)))
			}
			continue
		}
		onlyAsked, onlyHas := without(asked, has), without(has, asked)
		var parts []string
		if len(onlyAsked) > 0 {
			parts = append(parts, "only in the request: "+strings.Join(onlyAsked, ", "))
		}
		if len(onlyHas) > 0 {
			parts = append(parts, "only on the client: "+strings.Join(onlyHas, ", "))
		}
		if len(parts) > 0 {
			diffs = append(diffs, "--"+f.Flag+": "+strings.Join(parts, "; "))
		}
	}
	if c.Status != "" && c.Status != api.StatusActive {
		diffs = append(diffs, fmt.Sprintf("status: the client is %s, not %s", validate.Sanitize(c.Status), api.StatusActive))
	}
	return diffs
}

// first is the first of values, "" when there is none.
func first(values []string) string {
	if len(values) == 0 {
		return ""
	}
	return values[0]
}

// shown quotes a text value for a message; "none" when it is empty.
func shown(value string) string {
	if value == "" {
		return "none"
	}
	return fmt.Sprintf("%q", validate.Sanitize(value))
}

// without is values that are not in others, cleaned for a message, in order.
func without(values, others []string) []string {
	var out []string
	for _, v := range values {
		if !slices.Contains(others, v) {
			out = append(out, validate.Sanitize(v))
		}
	}
	return out
}

// reuse hands back the client of the request's name, which is what the
// request describes, or refuses it, naming each difference. Either way
// nothing is sent, its secret stays the one stored, and no file is written.
func reuse(c api.OAuth2Client, opts Options, file *secretfile.Pending, io *iostreams.IOStreams) error {
	abort(file) // no secret to write: the run that created it stored it
	name, id := validate.Sanitize(c.ApplicationName), validate.Sanitize(c.ClientID)
	untouched := "Its stored secret was not touched, and no file was written."
	if opts.SecretFile != "" {
		untouched = "Its stored secret was not touched, and nothing was written to " + opts.SecretFile + "."
	}
	if diffs := Differences(c, opts.Request); len(diffs) > 0 {
		fmt.Fprintf(io.ErrOut, "flexslot-register: %q exists already as %s, and differs from the request:\n", name, id)
		for _, d := range diffs {
			fmt.Fprintln(io.ErrOut, "  "+d)
		}
		return cli.Exit(cli.ExitFailed, errors.New(noUpdate+" Nothing was sent. "+untouched))
	}
	fmt.Fprintf(io.ErrOut, "%q exists already as %s, as the request describes it: reused (--if-exists reuse); nothing was sent. %s\n", name, id, untouched)
	if opts.JSON {
		return exitOnWrite(encodeJSON(io, output{OAuth2Client: c.Sanitized(), Reused: true}))
	}
	_, err := fmt.Fprintln(io.Out, c.ClientID)
	return exitOnWrite(err)
}
