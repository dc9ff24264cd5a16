package dev.faceembed.cache;

/** The state of one entry in the local cache directory, as {@link EngineCache#list()} and {@link EngineCache#verify()} see it. */
public enum EntryStatus {
    /** Sidecar readable, plan present and matching it (by size in a listing, by sha256 when verified). */
    COMPLETE,
    /** Plan without sidecar or sidecar without plan: a build, download or delete was interrupted. */
    INCOMPLETE,
    /** The sidecar cannot be parsed. */
    SIDECAR_INVALID,
    /** The plan's size or sha256 differs from what its sidecar records. */
    PLAN_CORRUPT,
    /** The sidecar describes an engine whose file name would be different: the files were renamed or edited. */
    MISNAMED,
    /**
     * The plan or the sidecar is a symbolic link. The cache holds only files it wrote itself, so a link (to
     * {@code /etc/passwd} or to another cache) is never followed: it is reported, rebuilt over and removed by prune.
     */
    LINKED;

    /**
     * Whether the entry can be handed out; everything else is rebuilt on lookup and removed by prune.
     *
     * @return {@code true} for {@link #COMPLETE} only
     */
    public boolean usable() {
        return this == COMPLETE;
    }
}
