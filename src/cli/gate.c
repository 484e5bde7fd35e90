/* gate.c - decides --require checks on the rows of a report, never passing on no value. */
#include "gate.h"

#include <string.h>

/* The value a numeric check reads in a view; NULL when the report has none of its kind. */
static shown field_value(const metric_view *v, const require_check *c, shown *tmp)
{
    const figure *f = c->fig == FIG_MEAN ? &v->mean : &v->index;
    switch (c->field) {
    case RF_CI_LOW: return f->lo;
    case RF_CI_HIGH: return f->hi;
    case RF_MOE: return f->moe;
    case RF_N:
        *tmp = (shown){.defined = true, .scaled = (int64_t)v->sum.n, .prec = 0};
        return *tmp;
    case RF_CHANGE: return v->change.value;
    case RF_CHANGE_CI_LOW: return v->change.lo;
    case RF_CHANGE_CI_HIGH: return v->change.hi;
    default: return f->value;
    }
}

static bool flag_value(const difference *d, require_field f)
{
    return f == RF_SIG_DROP ? d->significant && d->direction < 0
           : f == RF_SIG_RISE ? d->significant && d->direction > 0
                              : d->significant;
}

/* Why a check found no value in a row, for its failure message. */
static const char *no_value_reason(const report_row *row, const require_check *c,
                                   const metric_view *v)
{
    if (!v)
        return "has no value: the metric is not reported";
    if (require_reads_change(c) && !row->has_previous)
        return "has no value: no previous period";
    if (c->field >= RF_SIG_DROP && v->change.value.defined)
        return "is not tested: too few answers for an interval";
    if (require_reads_change(c))
        return "has no value: no valid answers in this period or the one before";
    if (c->field != RF_VALUE && c->field != RF_N && v->sum.n > 0)
        return "has no value: too few answers for an interval";
    return "has no value: no valid answers";
}

/* One check on one row; @return false if it failed (reported). */
static bool check_row(const report *r, const report_row *row, const require_check *c,
                      FILE *err)
{
    const metric_view *v = report_view(row, c->metric);
    bool defined = false, holds = false;
    shown tmp, val = {0};
    if (v && c->field >= RF_SIG_DROP) {
        defined = v->change.tested;
        holds = require_flag_holds(c, defined, flag_value(&v->change, c->field));
    } else if (v) {
        val = field_value(v, c, &tmp);
        defined = val.defined;
        holds = require_holds(c, val.defined, val.scaled, val.prec);
    }
    if (holds)
        return true;
    char name[512] = "", field[64], buf[32];
    if (row != &r->total)
        report_row_name(r, row, name, sizeof name);
    diag_begin(err);
    fprintf(err, "requirement failed: %s%s%s ", c->text, row != &r->total ? " for " : "",
            name);
    require_field_name(c, field, sizeof field);
    if (!defined)
        fprintf(err, "(%s %s)\n", field, no_value_reason(row, c, v));
    else if (c->field >= RF_SIG_DROP)
        fprintf(err, "(%s is %s: the change is %s)\n", field,
                flag_value(&v->change, c->field) ? "true" : "false",
                report_format(&v->change.value, buf, sizeof buf));
    else
        fprintf(err, "(%s is %s)\n", field, report_format(&val, buf, sizeof buf));
    return false;
}

/*
 * The latest period of the data, shown or not: a last period whose rows
 * --min-n hides must fail a "last:" check, not pass on an older period.
 */
static bool last_period(const report *r, int32_t *last)
{
    const group_table *t = &r->s->groups;
    bool any = false;
    for (size_t i = 0; i < t->count && r->plan->period; i++) {
        const group *g = &t->g[i];
        int32_t p = period_decode(groups_key(t, g) + g->key_len - PERIOD_KEY_BYTES);
        if (!any || p > *last)
            *last = p;
        any = true;
    }
    return any;
}

/* True when a check is tested on a row: its scope names it. */
static bool in_scope(const require_check *c, const report_row *row, bool total, bool has_last,
                     int32_t last)
{
    switch (c->scope) {
    case SCOPE_TOTAL: return total;
    case SCOPE_LAST: return !total && has_last && row->has_period && row->period == last;
    default: return true;
    }
}

/* Every check on the rows of its scope, row by row (the total last). */
/* True when some check can be tested on a group's row (building one costs). */
static bool reads_groups(const options *o)
{
    for (size_t k = 0; k < o->nrequire; k++)
        if (o->require[k].scope != SCOPE_TOTAL)
            return true;
    return false;
}

int gate_check(const options *o, const report *r, FILE *err)
{
    size_t tested[MAX_REQUIRE] = {0};
    int32_t last = 0;
    bool has_last = last_period(r, &last), ok = true;
    for (size_t i = reads_groups(o) ? 0 : r->nrows; i <= r->nrows; i++) {
        report_row row;
        const report_row *rw = &row;
        if (i == r->nrows)
            rw = &r->total;
        else if (r->plan->compare)
            rw = &r->cmp_row[i];
        else
            report_row_at(r, i, &row);
        for (size_t k = 0; k < o->nrequire; k++) {
            const require_check *c = &o->require[k];
            if (!in_scope(c, rw, rw == &r->total, has_last, last))
                continue;
            tested[k]++;
            ok = check_row(r, rw, c, err) && ok;
        }
    }
    /* a gate must not pass for want of a row to test */
    for (size_t k = 0; k < o->nrequire; k++)
        if (!tested[k]) {
            diag_error(err, "requirement failed: %s (no row of the last period is shown)",
                    o->require[k].text);
            ok = false;
        }
    return ok ? EXIT_OK : EXIT_REQUIRE;
}
