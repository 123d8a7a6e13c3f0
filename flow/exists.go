package flow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/validate"
)

// IfExists is what a run does when a client of the request's application
// name exists already (--if-exists): a run that runs again (a CI job re-run,
// every deploy) must not send a second create. What it means for the client
// found is WhenExists' to say: the scripted run asks it, and the wizard and
// the line prompts are to (#32).
type IfExists string

// What a run does with a client of the same name. The empty policy, and one
// the flag does not take, is IfExistsFail.
const (
	// IfExistsFail stops the run before anything is sent, naming the client
	// and the other choices (exit 1): the wizard, the line prompts and the
	// scripted run alike. The default, since only the user knows whether the
	// client found is the one meant.
	IfExistsFail IfExists = "fail"
	// IfExistsReuse hands the client back when it is what the request
	// describes (exit 0): the scripted run prints its id (with --json the
	// client, no secret), the wizard and the line prompts show it. When it
	// differs, the run stops naming each difference (exit 1): the API cannot
	// update a client. Either way nothing is sent, its stored secret stays
	// the one in use, and no file is written.
	IfExistsReuse IfExists = "reuse"
	// IfExistsRotate gives the client a new secret, which every front end
	// delivers as a create's (file, screen, clipboard, stdout); the current
	// one stops working. A public client has none to rotate: the run stops
	// (exit 1).
	IfExistsRotate IfExists = "rotate"
)

// IfExistsChoices are the values --if-exists takes, in the order its help
// and its completion list them.
var IfExistsChoices = []string{string(IfExistsFail), string(IfExistsReuse), string(IfExistsRotate)}

// ExistsKind is what a run does with the client of its request's name.
type ExistsKind int

// What a run does with an existing client (WhenExists).
const (
	// ExistsFail: stop; nothing was sent.
	ExistsFail ExistsKind = iota
	// ExistsReuse: the client is what the request describes: hand it back
	// without its secret; nothing is sent.
	ExistsReuse
	// ExistsReuseDiffers: reuse was asked but the client differs from the
	// request: stop, naming each difference; nothing is sent.
	ExistsReuseDiffers
	// ExistsRotate: rotate the client's secret and deliver the new one; the
	// rotation's outcome says how the run ends.
	ExistsRotate
	// ExistsRotatePublic: rotate was asked of a client that is not
	// confidential, which has no secret: stop; nothing is sent.
	ExistsRotatePublic
)

// Exists is what a run does with the client of its request's name, and the
// words that say so (WhenExists).
type Exists struct {
	Kind ExistsKind
	// Diffs are the ways the client differs from the request (Differences),
	// for every kind; only a reuse is refused for them.
	Diffs []string
	// Code is the exit code of a run that stops here: every kind but
	// ExistsRotate, which goes on to the rotation, whose outcome gives the
	// code (0 here).
	Code int
	// Headline says what was found and what the run does with it; for
	// ExistsReuseDiffers it ends with a colon, followed by the Diffs.
	Headline string
	// Next follows the Headline (and the Diffs): what to do instead, or what
	// the rotation does; "" when nothing follows.
	Next string
	// Untouched, for a reuse of either kind, says that the stored secret
	// stays and no file was written (Untouched); "" for the other kinds.
	Untouched string
}

// NoUpdate is what a run that found a client unlike its request can do
// about it: the API has no endpoint to update a client.
const NoUpdate = "The API has no endpoint to update a client, so --if-exists reuse cannot make it match the request: " +
	"register the request under another --name, change the request to match the client, " +
	"or manage the client on the flexslot dashboard (Account → API access)."

// WhenExists decides what a run does, under policy, with existing, the
// client found of req's application name: the same for the wizard, the line
// prompts and the scripted run, which only show it.
func WhenExists(policy IfExists, existing api.OAuth2Client, req api.CreateClientRequest) Exists {
	name, id := validate.Sanitize(existing.ApplicationName), validate.Sanitize(existing.ClientID)
	e := Exists{Diffs: Differences(existing, req)}
	switch {
	case policy == IfExistsReuse && len(e.Diffs) > 0:
		e.Kind, e.Code = ExistsReuseDiffers, cli.ExitFailed
		e.Headline = fmt.Sprintf("%q exists already as %s, and differs from the request:", name, id)
		e.Next = NoUpdate + " Nothing was sent."
		e.Untouched = Untouched("")
	case policy == IfExistsReuse:
		e.Kind, e.Code = ExistsReuse, cli.ExitOK
		e.Headline = fmt.Sprintf("%q exists already as %s, as the request describes it: reused (--if-exists reuse); nothing was sent.", name, id)
		e.Untouched = Untouched("")
	case policy == IfExistsRotate && existing.ClientType != validate.ClientConfidential:
		e.Kind, e.Code = ExistsRotatePublic, cli.ExitFailed
		e.Headline = advice.PublicNoSecret(id)
	case policy == IfExistsRotate:
		e.Kind = ExistsRotate
		e.Headline = fmt.Sprintf("%q exists already as %s: rotating its secret (--if-exists rotate).", name, id)
		e.Next = advice.RotationEffect
	default:
		e.Kind, e.Code = ExistsFail, cli.ExitFailed
		e.Headline = fmt.Sprintf("%q exists already as %s; nothing was sent.", name, id)
		e.Next = "Run again with --if-exists reuse to use it as it is, or --if-exists rotate to give it a new secret, or choose another --name"
	}
	return e
}

// Untouched says that a reuse left the client's stored secret as it was and
// wrote no file: none at all, or nothing to secretFile when one was asked for
// (its prepared file is removed).
func Untouched(secretFile string) string {
	if secretFile != "" {
		return "Its stored secret was not touched, and nothing was written to " + secretFile + "."
	}
	return "Its stored secret was not touched, and no file was written."
}

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
			if a, h := strings.TrimSpace(firstValue(asked)), strings.TrimSpace(firstValue(has)); a != h {
				diffs = append(diffs, fmt.Sprintf("--%s: the request says %s, the client %s", f.Flag, shownValue(a), shownValue(h)))
			}
			continue
		}
		onlyAsked, onlyHas := valuesWithout(asked, has), valuesWithout(has, asked)
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

// firstValue is the first of values, "" when there is none.
func firstValue(values []string) string {
	if len(values) == 0 {
		return ""
	}
	return values[0]
}

// shownValue quotes a text value for a message; "none" when it is empty.
func shownValue(value string) string {
	if value == "" {
		return "none"
	}
	return fmt.Sprintf("%q", validate.Sanitize(value))
}

// valuesWithout is values that are not in others, cleaned for a message, in
// order.
func valuesWithout(values, others []string) []string {
	var out []string
	for _, v := range values {
		if !slices.Contains(others, v) {
			out = append(out, validate.Sanitize(v))
		}
	}
	return out
}

// Ending is how a run that stops at the client found ends, on every front
// end: the lines said on stderr, then the error it ends with, exit e.Code
// (nil for a reuse of a client like the request). secretFile names the file
// left unwritten, when one was given. Not for ExistsRotate, whose rotation
// ends the run.
func (e Exists) Ending(secretFile string) (said []string, err error) {
	untouched := Untouched(secretFile)
	switch e.Kind {
	case ExistsReuse:
		return []string{e.Headline + " " + untouched}, nil
	case ExistsReuseDiffers:
		said = []string{"flexslot-register: " + e.Headline}
		for _, d := range e.Diffs {
			said = append(said, "  "+d)
		}
		return said, cli.Exit(e.Code, errors.New(e.Next+" "+untouched))
	case ExistsRotatePublic:
		return nil, cli.Exit(e.Code, errors.New(e.Headline))
	}
	return nil, cli.Exit(e.Code, errors.New(e.Headline+" "+e.Next))
}

// Lister lists the partner's clients; every API client of the front ends
// has it.
type Lister interface {
	ListOAuth2Clients(context.Context) ([]api.OAuth2Client, error)
}

// FindByName returns the partner's client named name, as the server compares
// names (trimmed, without regard to case), or nil: the client a create of
// that name would collide with.
func FindByName(ctx context.Context, client Lister, name string) (*api.OAuth2Client, error) {
	clients, err := client.ListOAuth2Clients(ctx)
	if err != nil {
		return nil, err
	}
	for i, c := range clients {
		if strings.EqualFold(strings.TrimSpace(c.ApplicationName), strings.TrimSpace(name)) {
			return &clients[i], nil
		}
	}
	return nil, nil
}
