package lines

import (
	"context"
	"strings"

	"charm.land/huh/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/golive"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/validate"
)

// review says the request as the review screen shows it, a go-live
// finding under the field it is about, and the scopes the partner lacks.
func (a *Prompts) review() {
	a.say("\nReview (nothing has been sent yet):")
	report := a.checkLinks()
	for _, r := range flow.ReviewRows(*a.req) {
		if r.Label == "" {
			a.say("    %s", r.Value)
		} else {
			a.say("  %s: %s", r.Label, r.Value)
		}
		if report == nil {
			continue
		}
		for _, f := range report.Findings {
			if f.Field == r.Field && f.Index == r.Index {
				a.say("    ! %s", f.Problem)
			}
		}
	}
	if lacked := flow.LackedScopes(a.partner, a.req.AllowedScopes); len(lacked) > 0 {
		words, command := advice.LackedScopes(lacked)
		a.say("%s %s", words, command)
	}
	if note := flow.LinksSummary(a.cfg.LinksSkipped, report); note != "" {
		a.say("%s", strings.Replace(note, "beside the fields above", "under the fields they are about", 1))
	}
}

// checkLinks runs the go-live check before the review is said, saying so:
// a line prompt cannot update what it said.
func (a *Prompts) checkLinks() *golive.Report {
	if a.cfg.CheckLinks == nil || a.cfg.LinksSkipped != "" {
		return nil
	}
	a.say("Checking the links and hosts players will see…")
	report := a.cfg.CheckLinks(context.Background(), *a.req)
	return &report
}

// askForScopes sends a scope request for the scopes the partner lacks,
// with the justification asked for, and says the answer.
func (a *Prompts) askForScopes(ctx context.Context, scopes []string) error {
	var why string
	field := huh.NewInput().Title("Why does your app need " + validate.Sanitize(strings.Join(scopes, ", ")) + "? (10 to 2000 characters)").
		Value(&why).Validate(func(s string) error { return validate.Justification(strings.TrimSpace(s)) })
	if err := a.prompt(field); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, flow.PreflightTimeout)
	defer cancel()
	answer, err := a.client.RequestScopes(ctx, api.ScopeRequest{Justification: strings.TrimSpace(why), RequestedScopes: scopes})
	if err != nil {
		a.say("The scope request failed: %s", explain(err))
		return nil
	}
	clean := answer.Sanitized()
	a.say("Sent: request %s is %s. %s", clean.ID, clean.Status, clean.Message)
	a.say("Whether and when it is granted is flexslot's answer; to register now, edit the answers and leave %s out.", validate.Sanitize(strings.Join(scopes, ", ")))
	return nil
}

// whatNow asks, after the review, what to do: create, edit, show the curl
// command, cancel; rotate the secret of a client of the request's name
// instead; ask flexslot for the scopes the partner lacks (returned, for
// the request).
func (a *Prompts) whatNow(existing *api.OAuth2Client) (choice string, lacked []string, err error) {
	choices := []string{choiceCreate, "Create the client", choiceEdit, "Edit the answers",
		choiceCurl, "Show the same request as a curl command", choiceQuit, "Cancel"}
	if existing != nil {
		a.sayExisting(*existing)
		if existing.ClientType == validate.ClientConfidential {
			choices = append(choices, choiceRotate, "Rotate the secret of "+validate.Sanitize(existing.ClientID)+" instead")
		}
	}
	lacked = flow.LackedScopes(a.partner, a.req.AllowedScopes)
	if len(lacked) > 0 {
		choices = append(choices, choiceAsk, "Ask flexslot for "+validate.Sanitize(strings.Join(lacked, ", ")))
	}
	choice, err = a.choose("What now?", choices...)
	return choice, lacked, err
}
