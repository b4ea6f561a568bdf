package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

type Rec struct {
	ID   int      `json:"id"`
	Name string   `json:"name"`
	Tags []string `json:"tags"`
}

func main() {
	var recs []Rec
	s := uint64(7)
	for i := 0; i < 2000; i++ {
		s = s*6364136223846793005 + 1442695040888963407
		recs = append(recs, Rec{i, "n" + strconv.FormatUint(s>>40, 36), strings.Fields("a b c")[:1+int(s>>60)%3]})
	}
	b, _ := json.Marshal(recs)
	var back []Rec
	json.Unmarshal(b, &back)
	sort.Slice(back, func(i, j int) bool { return back[i].Name < back[j].Name })
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, "%d bytes, first %v last %v\n", len(b), back[0], back[len(back)-1])
	w.Flush()
}
