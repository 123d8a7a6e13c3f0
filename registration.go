package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/internal/cli"
)

// readRegistration reads the manifest at from (none when ""), then sets over
// it what the flags gave, and refuses a value that cannot work before
// anything else happens. The registration comes back as far as it was read,
// refused values too, so that --draft can keep the valid ones.
func readRegistration(ctx context.Context, from string, flagged cli.Registration) (cli.Registration, error) {
	var reg cli.Registration
	if from != "" {
		data, err := readManifest(ctx, from)
		if err == nil {
			reg.Request, reg.Given, err = api.DecodeManifest(data)
		}
		switch {
		case ctx.Err() != nil:
			return reg, cli.Exit(cli.ExitCancelled, fmt.Errorf("--from %s: cancelled while reading it", from))
		case err != nil:
			return reg, cli.Usage(fmt.Errorf("--from %s: %v", from, err))
		}
	}
	reg.Overlay(flagged)
	return reg, cli.CheckGiven(reg)
}

// readManifest reads at most api.MaxManifestBytes of a manifest, and gives up
// when ctx ends: a FIFO nobody writes to, or a terminal, blocks in open and
// read, where no signal would reach; the reading is left behind then, and the
// process ends all the same.
func readManifest(ctx context.Context, path string) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			done <- result{err: err}
			return
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, api.MaxManifestBytes+1))
		if err == nil && len(data) > api.MaxManifestBytes {
			err = fmt.Errorf("the manifest is larger than %d KiB: is it the right file?", api.MaxManifestBytes>>10)
		}
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
