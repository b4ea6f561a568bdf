module prog2

go 1.23
