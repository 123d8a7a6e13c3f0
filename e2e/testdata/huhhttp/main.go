// Command huhhttp is huhform after one HTTP round trip over loopback, to an
// HTTP server in the same process, as the wizard's --sandbox makes its
// pre-flight: what memory a huh program that talks HTTP maps, beside the
// wizard.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"

	"charm.land/huh/v2"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `{"status":"active"}`)
	}))
	resp, err := http.Get("http://" + ln.Addr().String() + "/me/partner")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()

	var name string
	form := huh.NewForm(huh.NewGroup(huh.NewInput().Title("Application name").Value(&name)))
	if err := form.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
