# bash completion for cxstat: options (read from 'cxstat --help', so they
# never drift from the program), their values, and for the options that take
# a column the header names of the first data file on the command line.
# Installed by 'make install' as share/bash-completion/completions/cxstat.

# The header names of a file, one per line: its first line split at the
# delimiter it has most of (a guess from the header alone, quotes dropped).
_cxstat_columns()
{
    local line d best=, n max=0
    [ -f "$1" ] && [ -r "$1" ] || return
    case $1 in
        *.gz) line=$(gzip -dc -- "$1" 2>/dev/null | head -n 1) ;;
        *) line=$(head -n 1 -- "$1" 2>/dev/null) ;;
    esac
    line=${line#$'\xef\xbb\xbf'}
    line=${line%$'\r'}
    for d in , ';' $'\t' '|'; do
        n=$(printf '%s' "$line" | tr -cd "$d" | wc -c)
        if [ "$n" -gt "$max" ]; then max=$n best=$d; fi
    done
    printf '%s\n' "$line" | tr "$best" '\n' |
        sed -e 's/^[[:space:]]*"\{0,1\}//' -e 's/"\{0,1\}[[:space:]]*$//'
}

# The first word that names a file and is no option's value.
_cxstat_file()
{
    local i w prev= pprev=
    for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
        w=${COMP_WORDS[i]}
        case $prev in -d|-e|-f|-g|-j|-p|-w|--labels|--bands) w= ;; esac
        [ "$prev" = "=" ] && w=
        if [ "$i" -ne "$COMP_CWORD" ] && [ -n "$w" ] && [ -f "$w" ]; then
            printf '%s\n' "$w"
            return
        fi
        pprev=$prev prev=${COMP_WORDS[i]}
    done
}

_cxstat()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev= pprev= opt= value= words=
    [ "$COMP_CWORD" -ge 1 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
    [ "$COMP_CWORD" -ge 2 ] && pprev=${COMP_WORDS[COMP_CWORD - 2]}
    COMPREPLY=()
    # "--opt=value": one word, or three when '=' is in COMP_WORDBREAKS
    if [ "$cur" = "=" ]; then
        opt=$prev value=
    elif [ "$prev" = "=" ]; then
        opt=$pprev value=$cur
    elif [[ $cur == --*=* ]]; then
        opt=${cur%%=*} value=${cur#*=}
    else
        case $prev in -d|-e|-f|-g|-j|-p|-w) opt=$prev value=$cur ;; esac
    fi
    case $opt in
        -f|--format) words='text csv tsv json state' ;;
        --every) words='day week month quarter year' ;;
        --adjust) words='none holm' ;;
        --lang) words='en ru' ;;
        --list) words='detractors passives promoters dissatisfied difficult' ;;
        --sort) words='key n nps csat ces level' ;;
        --ces-direction) words='agree effort' ;;
        --csat-scale) words='1-3 1-5 1-7 1-10' ;;
        --ces-scale) words='1-5 1-7 1-10' ;;
        -d|--delimiter) words=', ; tab |' ;;
        -e|--encoding) words='cp1251 koi8-r latin1 utf-16 utf-8' ;;
        --bands) words='nps nps-market csat level none' ;;
        --labels) COMPREPLY=($(compgen -f -- "$value")); return ;;
        --nps|--csat|--ces|--level|-g|--group|--period|--weight|-w|--show|--compare|--where|--latest-by)
            _cxstat_complete_column "$opt" "$value"
            return ;;
        '') ;;
        *) return ;;
    esac
    if [ -n "$opt" ]; then
        COMPREPLY=($(compgen -W "$words" -- "$value"))
        return
    fi
    case $cur in
        -*) words=$(cxstat --help 2>/dev/null |
                sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}\(--[a-z-]*\).*/\2/p')
            COMPREPLY=($(compgen -W "$words" -- "$cur")) ;;
        *) [ "$COMP_CWORD" -eq 1 ] && COMPREPLY=($(compgen -W merge -- "$cur"))
           COMPREPLY+=($(compgen -f -- "$cur")) ;;
    esac
}

# A column name of the file on the line; -g and --show take a list: a,b,...
_cxstat_complete_column()
{
    local file prefix= name IFS=$'\n'
    file=$(_cxstat_file)
    [ -n "$file" ] || return
    case $1 in
        -g|--group|--show) [[ $2 == *,* ]] && prefix=${2%,*}, ;;
    esac
    for name in $(_cxstat_columns "$file"); do
        [[ $prefix$name == "$2"* ]] && COMPREPLY+=("$prefix$name")
    done
}

complete -o default -F _cxstat cxstat
