// Package flow holds the decisions of the tool's flows, made once for every
// front end: what a create's answer means and what follows it, which scopes
// a partner lacks. The full-screen wizard (ui), the line prompts and the
// scripted run (frontend/script) ask flow what an answer means and only show it
// and ask for what it needs: none of them decides again.
package flow
