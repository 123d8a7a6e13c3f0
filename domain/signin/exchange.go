package signin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// tokens is the token endpoint's answer.
type tokens struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
	Scope        string `json:"scope"`
	// Cnf is the key a DPoP token is bound to, when the answer says so.
	Cnf struct {
		JKT string `json:"jkt"`
	} `json:"cnf"`
}

// finish exchanges the code, calls a read endpoint, and revokes the tokens.
// A DPoP sign-in's tokens must be bound to its key: tokens that are not
// are revoked, and the sign-in fails.
func (f *Flow) finish(ctx context.Context, code string) (Outcome, error) {
	var t tokens
	if err := f.post(ctx, "token", api.TokenPath, url.Values{
		"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {f.redirectURI}, "code_verifier": {f.verifier},
	}, &t); err != nil {
		return Outcome{}, err
	}
	// The scopes are the server's words: cleaned here, once, for every way
	// out (the screen, the line prompts, stdout).
	out := Outcome{ExpiresIn: time.Duration(t.ExpiresIn) * time.Second, Refresh: t.RefreshToken != "", Scopes: strings.Fields(validate.Sanitize(t.Scope))}
	if f.prover != nil {
		if err := f.bound(t); err != nil {
			f.revoke(ctx, t)
			return Outcome{}, err
		}
		out.DPoPThumbprint = f.prover.jkt
	}
	if slices.ContainsFunc(out.Scopes, func(s string) bool { return s == "decks:read" || s == "decks:write" }) {
		out.Checked = "GET " + api.APIPrefix + api.DecksPath
		status, err := f.call(ctx, t.AccessToken)
		if err != nil {
			f.revoke(ctx, t) // the test tokens go whatever the call did
			return out, err
		}
		out.Status = status
	}
	out.Revoked = f.revoke(ctx, t)
	return out, nil
}

// bound checks that a DPoP sign-in's access token is bound to the run's key:
// token_type DPoP, and the key's thumbprint where the answer names one.
func (f *Flow) bound(t tokens) error {
	if !strings.EqualFold(t.TokenType, tokenTypeDPoP) {
		return &Error{Kind: KindNotBound, Step: "token"}
	}
	if t.Cnf.JKT != "" && t.Cnf.JKT != f.prover.jkt {
		return &Error{Kind: KindOtherKey, Step: "token", Thumbprint: t.Cnf.JKT}
	}
	return nil
}

// call calls the read endpoint with the access token, as a bearer token or,
// with a proof of its own, a DPoP one (RFC 9449 §7), and returns its status.
// A resource server that asks for its nonce is asked again once with it.
func (f *Flow) call(ctx context.Context, accessToken string) (int, error) {
	htu := f.base + api.APIPrefix + api.DecksPath
	for attempt := 0; ; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, htu, nil)
		req.Header.Set("Authorization", tokenTypeBearer+" "+accessToken)
		if f.prover != nil {
			proof, err := f.prover.proof(resourceServer, http.MethodGet, htu, accessToken)
			if err != nil {
				return 0, &Error{Kind: KindNetwork, Step: "call", Err: err}
			}
			req.Header.Set("Authorization", tokenTypeDPoP+" "+accessToken)
			req.Header.Set("DPoP", proof)
		}
		resp, err := f.opts.HTTP.Do(req)
		if err != nil {
			return 0, &Error{Kind: KindNetwork, Step: "call", Err: err}
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		if f.prover == nil {
			return resp.StatusCode, nil
		}
		f.prover.keepNonce(resourceServer, resp)
		if attempt > 0 || !asksNonce(resp) {
			return resp.StatusCode, nil
		}
	}
}

// revoke revokes the refresh token, then the access token, and reports
// whether both went.
func (f *Flow) revoke(ctx context.Context, t tokens) bool {
	revoked := true
	for _, tok := range []struct{ token, hint string }{{t.RefreshToken, "refresh_token"}, {t.AccessToken, "access_token"}} {
		if tok.token == "" {
			continue
		}
		if err := f.post(ctx, "revoke", api.RevokePath, url.Values{"token": {tok.token}, "token_type_hint": {tok.hint}}, nil); err != nil {
			revoked = false
		}
	}
	return revoked
}

// post sends a form to an OAuth endpoint with the client's authentication
// (HTTP Basic for a confidential client, client_id in the body for a public
// one) and decodes a 200 into out. A DPoP sign-in sends a proof with it, and
// once more with the server's nonce when the server asks for one
// (400 use_dpop_nonce, RFC 9449 §8).
func (f *Flow) post(ctx context.Context, step, path string, form url.Values, out any) error {
	c := f.opts.Client
	if c.ClientType != validate.ClientConfidential {
		form.Set("client_id", c.ClientID)
	}
	body := form.Encode()
	for attempt := 0; ; attempt++ {
		err := f.postOnce(ctx, step, path, body, out)
		var e *Error
		if attempt > 0 || f.prover == nil || !errors.As(err, &e) || e.Code != ErrUseDPoPNonce || f.prover.nonce(authorizationServer) == "" {
			return err
		}
	}
}

// postOnce sends body to path once, as post says.
func (f *Flow) postOnce(ctx context.Context, step, path, body string, out any) error {
	c := f.opts.Client
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, f.base+api.APIPrefix+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if c.ClientType == validate.ClientConfidential {
		req.SetBasicAuth(url.QueryEscape(c.ClientID), url.QueryEscape(f.opts.Secret))
	}
	if f.prover != nil {
		proof, err := f.prover.proof(authorizationServer, http.MethodPost, f.base+api.APIPrefix+path, "")
		if err != nil {
			return &Error{Kind: KindNetwork, Step: step, Err: err}
		}
		req.Header.Set("DPoP", proof)
	}
	resp, err := f.opts.HTTP.Do(req)
	if err != nil {
		return &Error{Kind: KindNetwork, Step: step, Err: err}
	}
	defer resp.Body.Close()
	if f.prover != nil {
		f.prover.keepNonce(authorizationServer, resp)
	}
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Code        string `json:"error"`
			Description string `json:"error_description"`
		}
		if json.Unmarshal(data, &e) == nil && e.Code != "" {
			return &Error{Kind: KindOAuth, Step: step, Code: e.Code, Description: e.Description}
		}
		return &Error{Kind: KindNetwork, Step: step, Err: fmt.Errorf("the server answered %d", resp.StatusCode)}
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return &Error{Kind: KindNetwork, Step: step, Err: errors.New("could not read the answer")}
		}
	}
	return nil
}
