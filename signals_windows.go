//go:build windows

package main

// ignoreFatalWriteSignals does nothing: on Windows a failed write returns an
// error and no signal kills the process.
func ignoreFatalWriteSignals() {}
