# cxstat_columns.awk - cuts the CSV of `cxstat -q -g store -f csv` to its group
# rows as store,nps,csat,ces_mean, finding the columns by header name with a
# CSV-aware split (a quoted field with commas keeps its place).
# Usage: cxstat -q -g store -f csv FILE | awk -f tests/bench/cxstat_columns.awk

function split_csv(line, f,    n, i, c, inq, cur) {
    n = 0; cur = ""; inq = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (inq) {
            if (c == "\"") {
                if (substr(line, i + 1, 1) == "\"") { cur = cur c; i++ } else inq = 0
            } else cur = cur c
        } else if (c == "\"") inq = 1
        else if (c == ",") { f[++n] = cur; cur = "" }
        else cur = cur c
    }
    f[++n] = cur
    return n
}

NR == 1 {
    n = split_csv($0, h)
    for (i = 1; i <= n; i++) if (!(h[i] in col)) col[h[i]] = i
    if (!("row" in col) || !("store" in col) || !("nps" in col) || !("csat" in col) || !("ces_mean" in col)) {
        print "cxstat_columns.awk: a column is missing from cxstat -f csv" > "/dev/stderr"
        exit 1
    }
    print "store,nps,csat,ces_mean"
    next
}

{
    split_csv($0, f)
    if (f[col["row"]] == "group")
        print f[col["store"]] "," f[col["nps"]] "," f[col["csat"]] "," f[col["ces_mean"]]
}
