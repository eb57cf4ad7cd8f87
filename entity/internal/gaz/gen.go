package gaz

//go:generate go run ../gen -out .
//go:generate go run ./internal/gentables -out .
