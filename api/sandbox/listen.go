package sandbox

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/flexslot/flexslot-register/api"
)

// DefaultAddr is where `flexslot-register sandbox` listens by default.
const DefaultAddr = "127.0.0.1:8080"

// Running is a sandbox served over HTTP on a loopback address.
type Running struct {
	*Server
	// URL is the base URL to give the API client, e.g. http://127.0.0.1:41234.
	URL string

	http *http.Server
	done chan error
}

// Start serves a sandbox on addr ("127.0.0.1:0" picks a free port) until Close.
// It refuses an address that is not loopback: the sandbox hands out a working
// token to anyone who asks, which only makes sense on this machine.
func Start(addr string, cfg Config) (*Running, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("sandbox address %q: %w", addr, err)
	}
	if !api.IsLoopback(host) {
		return nil, fmt.Errorf("sandbox address %q: the sandbox listens only on a loopback address such as 127.0.0.1", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	url := "http://" + ln.Addr().String()
	if cfg.Issuer == "" {
		cfg.Issuer = url
	}
	r := &Running{
		Server: New(cfg),
		URL:    url,
		done:   make(chan error, 1),
	}
	r.http = &http.Server{Handler: r.Server, ReadHeaderTimeout: 10 * time.Second}
	go func() { r.done <- r.http.Serve(ln) }()
	return r, nil
}

// Close stops serving and ends requests still held by a trigger.
func (r *Running) Close() error {
	r.Server.Close()
	err := r.http.Close()
	if serveErr := <-r.done; !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return err
}

// Wait blocks until the server stops and returns why, for a foreground sandbox.
func (r *Running) Wait() error {
	err := <-r.done
	r.done <- err
	return err
}
