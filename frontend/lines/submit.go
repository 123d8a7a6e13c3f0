package lines

import (
	"context"
	"fmt"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/flow"
)

// submit sends the request; done reports that the wizard is over.
func (a *Prompts) submit(ctx context.Context) (done bool, err error) {
	for {
		if err := a.setAsking(false); err != nil {
			return true, err
		}
		a.say("Registering %q…", a.req.ApplicationName)
		a.update(func(r *flow.Result) { r.InFlight = true })
		since := time.Now()
		a.update(func(r *flow.Result) { r.Refused = nil }) // sent again: the last refusal no longer stands
		resp, err := a.client.CreateOAuth2Client(ctx, *a.req)
		answer := flow.Judge(resp, err, ctx.Err() != nil)
		// A create whose answer was lost may have gone through: until another
		// answer says otherwise, a signal must say so.
		a.update(func(r *flow.Result) { r.InFlight = answer.MayExist })
		if err != nil && !answer.MayExist {
			_ = a.setAsking(true) // nothing exists: the answers are still only answers
		}
		switch answer.Kind {
		case flow.Created, flow.CreatedWithoutSecret, flow.NotCredential:
			// showResult says each: the secret, the rotation it lacks, or
			// why nothing is shown.
			a.created = resp
			a.update(func(r *flow.Result) { r.Created, r.Outcome = resp, flow.OutcomeRegistered })
			return true, a.showResult(ctx)
		case flow.Refused:
			a.update(func(r *flow.Result) { r.Refused = err })
			for _, fe := range answer.Fields {
				label := fe.Field
				if f, ok := api.FieldNamed(fe.Field); ok {
					label = f.Label
				}
				if fe.Index >= 0 {
					label = fmt.Sprintf("%s, item %d", label, fe.Index+1)
				}
				a.say("The server refused %s: %s", label, fe.Message)
			}
			a.say("Your answers are kept; press enter to keep each one.")
			return false, a.ask(nil)
		case flow.TokenRefused:
			a.update(func(r *flow.Result) { r.Refused = err })
			a.say("The server refused the token while registering (401).")
			a.token = ""
			return false, a.preflight(ctx)
		}
		a.say("Could not register the client: %s", explain(err))
		if answer.Kind == flow.MayExist {
			return a.recoverLost(ctx, since, err)
		}
		choice, cerr := a.choose("What now?", choiceRetry, "Retry", choiceEdit, "Edit the answers", choiceQuit, "Quit")
		switch {
		case cerr != nil:
			return true, cerr
		case choice == choiceEdit:
			return false, a.ask(nil)
		case choice == choiceQuit:
			return true, err // leave offers to keep the answers
		}
	}
}
