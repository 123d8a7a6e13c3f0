package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
)

// signalled is the cause of a context ended by a signal: which one.
type signalled struct{ sig os.Signal }

func (s signalled) Error() string { return s.sig.String() + " signal received" }

// signalContext is signal.NotifyContext, but the cause it ends with names the
// signal as a value of ours (signalled), so that byInterrupt can tell ctrl+c
// from SIGTERM or SIGHUP without reading the standard library's wording. The
// signals stay caught until stop is called.
func signalContext(parent context.Context, sigs ...os.Signal) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	caught := make(chan os.Signal, 1)
	signal.Notify(caught, sigs...)
	go func() {
		select {
		case sig := <-caught:
			cancel(signalled{sig})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(caught)
		cancel(context.Canceled)
	}
}

// byInterrupt reports whether ctx, from signalContext, ended by SIGINT
// (ctrl+c), rather than SIGTERM, SIGHUP or a cancel.
func byInterrupt(ctx context.Context) bool {
	var s signalled
	return errors.As(context.Cause(ctx), &s) && s.sig == os.Interrupt
}
