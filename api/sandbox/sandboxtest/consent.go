// Package sandboxtest plays a user's part against the sandbox, for tests
// that need a person in the loop without a real browser.
package sandboxtest

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// Consent opens the sandbox's consent page at authorize, presses decision
// ("allow" or "deny") with the page's hidden fields, and returns where the
// sandbox sends the browser back, without going there.
func Consent(authorize, decision string) (*url.URL, error) {
	resp, err := http.Get(authorize)
	if err != nil {
		return nil, err
	}
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	form := url.Values{"decision": {decision}}
	for _, m := range hiddenInput.FindAllStringSubmatch(string(page), -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = noFollow.PostForm(strings.SplitN(authorize, "?", 2)[0], form)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		return nil, fmt.Errorf("the consent answered %d, not a redirect", resp.StatusCode)
	}
	return url.Parse(resp.Header.Get("Location"))
}
