# shellcheck shell=bash
# Where Lyss keeps its local state (data, logs, downloads, generated secrets).
#
# lyss_state_home REPO_ROOT prints $LYSS_HOME when set; else REPO_ROOT/.lyss, except when running as root in a
# checkout that other users cannot traverse (e.g. under /root, mode 700): PostgreSQL and Elasticsearch run as
# the unprivileged 'lyss' user and could not reach their data there, so the state goes to
# /var/lib/lyss/<checkout name>-<hash of its path> instead, one folder per checkout.

lyss_state_home() {
  local repo=$1
  if [[ -n ${LYSS_HOME:-} ]]; then
    case $LYSS_HOME in
      /*) printf '%s' "${LYSS_HOME%/}" ;;
      *) printf '%s' "$PWD/${LYSS_HOME%/}" ;;
    esac
    return
  fi
  if [[ $(id -u) -eq 0 ]] && ! _lyss_traversable_by_others "$repo"; then
    printf '/var/lib/lyss/%s-%s' "$(basename "$repo")" "$(printf '%s' "$repo" | sha256sum | cut -c1-12)"
    return
  fi
  printf '%s/.lyss' "$repo"
}

# True when every folder from / down to $1 lets other users pass (o+x).
_lyss_traversable_by_others() {
  local dir=$1 mode
  while [[ -n $dir ]]; do
    mode=$(stat -c %a "$dir") || return 1
    (( 8#$mode & 1 )) || return 1
    [[ $dir == / ]] && break
    dir=$(dirname "$dir")
  done
}
