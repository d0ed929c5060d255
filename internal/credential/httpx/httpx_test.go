package httpx

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestDoErrorsHoldNoCredential(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://elsewhere.example/x?token=FAKE-query-token", http.StatusFound)
	}))
	defer srv.Close()
	req := Request{Provider: "P", Method: http.MethodPost, URL: srv.URL + "/path?key=FAKE-query-token",
		Header: http.Header{"Authorization": {"Bearer FAKE-header-token"}}, Body: []byte(`{"t":"FAKE-body-token"}`)}
	_, err := Do(context.Background(), nil, req)
	if !errors.Is(err, ErrRedirect) {
		t.Fatalf("err = %v, want ErrRedirect", err)
	}
	if strings.Contains(err.Error(), "FAKE") || !strings.Contains(err.Error(), "elsewhere.example") || !strings.Contains(err.Error(), "/path") {
		t.Errorf("error %q", err)
	}
	srv.Close()
	_, err = Do(context.Background(), nil, req)
	if err == nil || strings.Contains(err.Error(), "FAKE") {
		t.Errorf("unreachable: %v", err)
	}
}

func TestJSON(t *testing.T) {
	var v struct {
		Login string `json:"login"`
	}
	for body, ok := range map[string]bool{`{"login":"octocat"}`: true, ``: false, `null`: false, `[{}]`: false, `<html>`: false, `{"login":5}`: false} {
		if err := (Response{Body: []byte(body)}).JSON(&v); (err == nil) != ok {
			t.Errorf("JSON(%q) = %v", body, err)
		}
	}
}

func TestBase(t *testing.T) {
	for _, tt := range [][3]string{{"", "https://d", "https://d"}, {"http://x/api//", "https://d", "http://x/api"}, {"/", "https://d", "https://d"}} {
		if got := Base(tt[0], tt[1]); got != tt[2] {
			t.Errorf("Base(%q) = %q", tt[0], got)
		}
	}
}
