package sandbox

import (
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// scopeWords say what each scope lets an app do, as the consent page reads it
// to the user (after the scope table of docs.flexslot.gg/oauth/scopes).
var scopeWords = map[string]string{
	"cards:read":       "Look up cards in the Flexslot card database",
	"decks:read":       "See your decks and the cards in them",
	"decks:write":      "Create, change and delete your decks",
	"exports:read":     "Export your decks and sideboard guides (Excel, DOCX, PDF)",
	"guides:read":      "Read your sideboard guides",
	"guides:write":     "Create, change and delete your sideboard guides",
	"sideboards:read":  "See your sideboards and matchup plans",
	"sideboards:write": "Create, change and delete your sideboards",
}

// consentPage is the consent screen: no script, no external asset, every
// value escaped (the application's name and links are a partner's data).
var consentPage = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to {{.Name}} with Flexslot (sandbox)</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; color: #1d1d2b; background: #f4f4f8; margin: 0; }
main { max-width: 32rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 12px; box-shadow: 0 2px 12px #0002; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
.sandbox { color: #8a5a00; font-size: .85rem; }
ul { padding-left: 1.2rem; }
code { font-size: .85rem; color: #555; }
.buttons { display: flex; gap: 1rem; margin-top: 1.5rem; }
button { font: inherit; padding: .6rem 1.4rem; border-radius: 8px; border: 1px solid #5a56e0; cursor: pointer; }
button[value=allow] { background: #5a56e0; color: #fff; }
button[value=deny] { background: #fff; color: #5a56e0; }
</style>
</head>
<body>
<main>
<p class="sandbox">Flexslot sandbox: a test sign-in, no real account involved.</p>
<h1><strong>{{.Name}}</strong> wants to access your Flexslot account</h1>
{{if .Logo}}<p>Logo: <a href="{{.Logo}}" rel="noreferrer">{{.Logo}}</a></p>{{end}}
<p>It asks to:</p>
<ul>
{{range .Scopes}}<li>{{.Words}} <code>{{.Scope}}</code></li>
{{end}}</ul>
{{if .Links}}<p>{{range .Links}}<a href="{{.URL}}" rel="noreferrer">{{.Label}}</a> {{end}}</p>{{end}}
<form method="post">
{{range .Hidden}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{end}}<div class="buttons">
<button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</div>
</form>
</main>
</body>
</html>
`))

// errorPage is what /authorize shows instead of redirecting, when it may not
// redirect (an unknown client, a redirect URI that does not match).
var errorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign-in error (Flexslot sandbox)</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 3rem auto">
<h1>This sign-in cannot go on</h1>
<p>{{.}}</p>
</body>
</html>
`))

// writeConsent shows the consent page for req; the form posts the request's
// parameters back with the decision and the page's one-time token. The page
// may not be framed (no clickjacking of Allow), may post its form only to
// the sandbox, and is not kept by a cache, its token being good once.
func writeConsent(w http.ResponseWriter, req authorizeRequest, params url.Values, token string) {
	type scope struct{ Scope, Words string }
	type link struct{ Label, URL string }
	type hidden struct{ Name, Value string }
	data := struct {
		Name, Logo string
		Scopes     []scope
		Links      []link
		Hidden     []hidden
	}{Name: req.client.ApplicationName, Logo: safeLink(req.client.ApplicationLogoURL)}
	for _, sc := range strings.Fields(req.scope) {
		data.Scopes = append(data.Scopes, scope{sc, scopeWords[sc]})
	}
	for _, l := range []link{{"Website", req.client.ApplicationURL}, {"Privacy policy", req.client.PrivacyPolicyURL}, {"Terms of service", req.client.TOSURL}} {
		if l.URL = safeLink(l.URL); l.URL != "" {
			data.Links = append(data.Links, l)
		}
	}
	for _, name := range authorizeParams {
		data.Hidden = append(data.Hidden, hidden{name, params.Get(name)})
	}
	data.Hidden = append(data.Hidden, hidden{consentTokenField, token})
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "+formAction(req.redirectURI)+"; frame-ancestors 'none'")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Cache-Control", "no-store")
	consentPage.Execute(w, data)
}

// formAction is the page's CSP form-action: the sandbox, where the form
// posts, and the redirect URI's origin, since browsers hold form-action to
// the redirect that answers the post too (Chromium does), and that redirect
// goes to the app. CSP cannot name an IPv6 literal (CSP3's host-part; Chromium
// drops such a source), so a redirect to one ([::1]) gets its scheme instead.
func formAction(redirectURI string) string {
	const self = "form-action 'self'"
	u, err := url.Parse(redirectURI)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https"):
		return self
	case cspIPv6Host.MatchString(u.Host):
		return self + " " + u.Scheme + ":"
	case cspHost.MatchString(u.Host):
		return self + " " + u.Scheme + "://" + u.Host
	}
	return self
}

// cspHost and cspIPv6Host are the hosts (and ports) a redirect URI's origin
// may have to be named in a CSP: nothing that would end the source or the
// directive.
var (
	cspHost     = regexp.MustCompile(`^[A-Za-z0-9.-]+(:[0-9]+)?$`)
	cspIPv6Host = regexp.MustCompile(`^\[[0-9A-Fa-f:.]+\](:[0-9]+)?$`)
)

// safeLink keeps an https link, and nothing else (no javascript: URL).
func safeLink(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Scheme == "https" && u.Host != "" {
		return raw
	}
	return ""
}

// writeErrorPage answers status with an HTML page that says why.
func writeErrorPage(w http.ResponseWriter, status int, why string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	errorPage.Execute(w, why)
}
