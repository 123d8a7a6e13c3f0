package lines

import (
	"context"
	"fmt"
	"strings"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/validate"
)

// existing looks for a client of the request's name, as the review screen
// does; nil when there is none. When the list cannot be had, the run goes on
// (the create then says what the server thinks of the name), unless
// --if-exists said what to do with such a client: then, as in the scripted
// run, nothing is sent without knowing.
func (a *Prompts) existing(ctx context.Context) (*api.OAuth2Client, error) {
	ctx, cancel := context.WithTimeout(ctx, flow.PreflightTimeout)
	defer cancel()
	c, err := flow.FindByName(ctx, a.client, a.req.ApplicationName)
	if err != nil && a.cfg.IfExists != "" {
		return nil, fmt.Errorf("could not find out whether %q exists already (--if-exists %s): %s",
			validate.Sanitize(a.req.ApplicationName), a.cfg.IfExists, strings.Join(advice.Of(err).Lines(), " "))
	}
	return c, nil
}

// onExisting does with c, the client of the request's name, what
// --if-exists says (flow.WhenExists), as the scripted run does: rotate its
// secret and deliver the new one, or end the prompts there with the
// decision, which the run's end says and turns into the exit code. Nothing
// is created either way.
func (a *Prompts) onExisting(ctx context.Context, c api.OAuth2Client) error {
	if err := a.setAsking(false); err != nil {
		return err
	}
	found := flow.WhenExists(a.cfg.IfExists, c, *a.req)
	if found.Kind == flow.ExistsRotate {
		a.say("%s %s", found.Headline, found.Next)
		return a.rotate(ctx, c)
	}
	a.update(func(r *flow.Result) { r.Existing = &found })
	return nil
}

// sayExisting says, at the review, that a client of the request's name
// exists already, as the review screen does.
func (a *Prompts) sayExisting(c api.OAuth2Client) {
	a.say("! %q exists already as %s: creating another may be refused for its name.",
		validate.Sanitize(c.ApplicationName), validate.Sanitize(c.ClientID))
}

// rotateExisting gives c, the client of the request's name, a new secret,
// chosen at the review: nothing is asked after, so no draft is offered.
func (a *Prompts) rotateExisting(ctx context.Context, c api.OAuth2Client) error {
	if err := a.setAsking(false); err != nil {
		return err
	}
	a.say("%s", advice.RotationEffect)
	return a.rotate(ctx, c)
}
