/*
 * cfs: the smallest useful FUSE filesystem on libfuse3's low-level API, as the ceiling for
 * benchmarks/fuse/run.sh. It serves the same tree as `gatewayfs-bench fuse-serve`:
 *   /big          SIZE MiB, byte i = (uint8_t)((i * 31) >> 3), held in memory
 *   /many/fNNNNN  FILES empty files
 * with the same kernel settings as our binding (1 MiB max_write and max_pages, max_background
 * 64, readdirplus, keep_cache, 1 s attribute and entry timeouts) and the same answers to
 * xattr calls as the in-memory reference filesystem.
 *
 * usage: cfs MOUNTPOINT [--big-mib N] [--files N] [--threads N] [--copy] [--libfuse-loop]
 *   --threads N      receive threads (default 4, as our binding on 2 cores)
 *   --copy           copy each read into a per-thread buffer first, as a filesystem whose
 *                    data lives elsewhere (and our IFileSystem contract) must; by default it
 *                    replies straight from the file's memory (no copy in user space)
 *   --libfuse-loop   use fuse_session_loop_mt instead of N threads each running
 *                    fuse_session_receive_buf + fuse_session_process_buf (our binding's loop)
 */
#define FUSE_USE_VERSION 314
#define _GNU_SOURCE
#include <fuse_lowlevel.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

enum { INO_ROOT = 1, INO_BIG = 2, INO_MANY = 3, INO_FIRST = 4 };
#define MIB (1u << 20)
#define TIMEOUT 1.0

static size_t big_size;
static unsigned char *big_data;
static unsigned nfiles;
static int copy_reads;
static __thread unsigned char *read_buf;

static int make_stat(fuse_ino_t ino, struct stat *st)
{
	memset(st, 0, sizeof *st);
	st->st_ino = ino;
	if (ino == INO_ROOT || ino == INO_MANY) {
		st->st_mode = S_IFDIR | 0755;
		st->st_nlink = 2;
	} else if (ino == INO_BIG) {
		st->st_mode = S_IFREG | 0644;
		st->st_nlink = 1;
		st->st_size = big_size;
		st->st_blocks = (big_size + 511) / 512;
	} else if (ino >= INO_FIRST && ino < INO_FIRST + nfiles) {
		st->st_mode = S_IFREG | 0644;
		st->st_nlink = 1;
	} else {
		return -1;
	}
	st->st_blksize = 4096;
	return 0;
}

static void entry_of(fuse_ino_t ino, struct fuse_entry_param *e)
{
	memset(e, 0, sizeof *e);
	e->ino = ino;
	e->attr_timeout = TIMEOUT;
	e->entry_timeout = TIMEOUT;
	make_stat(ino, &e->attr);
}

static void cfs_init(void *userdata, struct fuse_conn_info *conn)
{
	(void)userdata;
	conn->max_write = MIB;
	if (conn->max_readahead > MIB)
		conn->max_readahead = MIB;
	conn->max_background = 64;
	conn->congestion_threshold = 48;
	conn->want |= conn->capable & (FUSE_CAP_READDIRPLUS | FUSE_CAP_READDIRPLUS_AUTO | FUSE_CAP_ASYNC_READ);
}

static void cfs_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	fuse_ino_t ino = 0;
	unsigned n;
	char tail;
	if (parent == INO_ROOT && strcmp(name, "big") == 0)
		ino = INO_BIG;
	else if (parent == INO_ROOT && strcmp(name, "many") == 0)
		ino = INO_MANY;
	else if (parent == INO_MANY && sscanf(name, "f%5u%c", &n, &tail) == 1 && n < nfiles)
		ino = INO_FIRST + n;
	if (!ino) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	struct fuse_entry_param e;
	entry_of(ino, &e);
	fuse_reply_entry(req, &e);
}

static void cfs_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	(void)fi;
	struct stat st;
	if (make_stat(ino, &st) != 0)
		fuse_reply_err(req, ENOENT);
	else
		fuse_reply_attr(req, &st, TIMEOUT);
}

static void cfs_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	if (ino == INO_ROOT || ino == INO_MANY) {
		fuse_reply_err(req, EISDIR);
		return;
	}
	if ((fi->flags & O_ACCMODE) != O_RDONLY) {
		fuse_reply_err(req, EROFS);
		return;
	}
	fi->keep_cache = 1;
	fuse_reply_open(req, fi);
}

static void cfs_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi)
{
	(void)fi;
	if (ino != INO_BIG || (size_t)off >= big_size) {
		fuse_reply_buf(req, NULL, 0);
		return;
	}
	if (size > big_size - off)
		size = big_size - off;
	if (!copy_reads) {
		fuse_reply_buf(req, (const char *)big_data + off, size);
		return;
	}
	if (!read_buf && !(read_buf = malloc(MIB))) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	if (size > MIB)
		size = MIB;
	memcpy(read_buf, big_data + off, size);
	fuse_reply_buf(req, (const char *)read_buf, size);
}

static void cfs_opendir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	if (ino != INO_ROOT && ino != INO_MANY) {
		fuse_reply_err(req, ENOTDIR);
		return;
	}
	fuse_reply_open(req, fi);
}

/* Cookies: 1 after ".", 2 after "..", then 3 + index. */
static void readdir_common(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, int plus)
{
	char *buf = malloc(size);
	size_t used = 0;
	if (!buf) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	unsigned count = ino == INO_ROOT ? 2 : nfiles;
	for (off_t i = off; i < (off_t)count + 2; i++) {
		char name[16];
		fuse_ino_t child;
		if (i == 0) { strcpy(name, "."); child = ino; }
		else if (i == 1) { strcpy(name, ".."); child = INO_ROOT; }
		else if (ino == INO_ROOT) { strcpy(name, i == 2 ? "big" : "many"); child = i == 2 ? INO_BIG : INO_MANY; }
		else { snprintf(name, sizeof name, "f%05u", (unsigned)(i - 2)); child = INO_FIRST + (i - 2); }
		struct fuse_entry_param e;
		entry_of(child, &e);
		size_t need = plus ? fuse_add_direntry_plus(req, buf + used, size - used, name, &e, i + 1)
				   : fuse_add_direntry(req, buf + used, size - used, name, &e.attr, i + 1);
		if (need > size - used)
			break;
		used += need;
	}
	fuse_reply_buf(req, buf, used);
	free(buf);
}

static void cfs_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi)
{
	(void)fi;
	readdir_common(req, ino, size, off, 0);
}

static void cfs_readdirplus(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi)
{
	(void)fi;
	readdir_common(req, ino, size, off, 1);
}

/* As the in-memory reference filesystem: no POSIX ACLs (the system. namespace), no attributes
   set, so ls -l asks security.selinux for each file and gives up on ACLs after the first. */
static void cfs_getxattr(fuse_req_t req, fuse_ino_t ino, const char *name, size_t size)
{
	(void)ino; (void)size;
	fuse_reply_err(req, strncmp(name, "system.", 7) == 0 ? EOPNOTSUPP : ENODATA);
}

static void cfs_listxattr(fuse_req_t req, fuse_ino_t ino, size_t size)
{
	(void)ino;
	if (size == 0)
		fuse_reply_xattr(req, 0);
	else
		fuse_reply_buf(req, NULL, 0);
}

static void cfs_statfs(fuse_req_t req, fuse_ino_t ino)
{
	(void)ino;
	struct statvfs s = { .f_bsize = 4096, .f_frsize = 4096, .f_blocks = 1u << 20, .f_files = nfiles + 3, .f_namemax = 255 };
	fuse_reply_statfs(req, &s);
}

static const struct fuse_lowlevel_ops ops = {
	.init = cfs_init,
	.lookup = cfs_lookup,
	.getattr = cfs_getattr,
	.open = cfs_open,
	.read = cfs_read,
	.opendir = cfs_opendir,
	.readdir = cfs_readdir,
	.readdirplus = cfs_readdirplus,
	.getxattr = cfs_getxattr,
	.listxattr = cfs_listxattr,
	.statfs = cfs_statfs,
};

/* SIGINT/SIGTERM: detach the mount; every receive thread then gets ENODEV and ends. (Only
   setting fuse_session_exit, as libfuse's handlers do, would drop requests read afterwards
   and leave their callers hanging.) */
static const char *mountpoint;

static void on_signal(int sig)
{
	(void)sig;
	umount2(mountpoint, MNT_DETACH);
}

static void *receive_loop(void *arg)
{
	struct fuse_session *se = arg;
	struct fuse_buf buf = { .mem = NULL };
	while (!fuse_session_exited(se)) {
		int res = fuse_session_receive_buf(se, &buf);
		if (res == -EINTR)
			continue;
		if (res <= 0)
			break;
		fuse_session_process_buf(se, &buf);
	}
	free(buf.mem);
	fuse_session_exit(se);
	return NULL;
}

static int own_loop(struct fuse_session *se, unsigned threads)
{
	pthread_t tids[64];
	if (threads > 64)
		threads = 64;
	for (unsigned i = 0; i < threads; i++)
		if (pthread_create(&tids[i], NULL, receive_loop, se) != 0)
			return -1;
	for (unsigned i = 0; i < threads; i++)
		pthread_join(tids[i], NULL);
	return 0;
}

static int libfuse_loop(struct fuse_session *se, unsigned threads)
{
	struct fuse_loop_config *config = fuse_loop_cfg_create();
	fuse_loop_cfg_set_max_threads(config, threads);
	fuse_loop_cfg_set_idle_threads(config, threads);
	int rc = fuse_session_loop_mt(se, config);
	fuse_loop_cfg_destroy(config);
	return rc;
}

static int has_flag(int argc, char **argv, const char *name)
{
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

static unsigned arg_uint(int argc, char **argv, const char *name, unsigned fallback)
{
	for (int i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return (unsigned)strtoul(argv[i + 1], NULL, 10);
	return fallback;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: cfs MOUNTPOINT [--big-mib N] [--files N] [--copy] [--threads N]\n");
		return 2;
	}
	big_size = (size_t)arg_uint(argc, argv, "--big-mib", 1024) * MIB;
	nfiles = arg_uint(argc, argv, "--files", 10000);
	unsigned threads = arg_uint(argc, argv, "--threads", 4);
	copy_reads = has_flag(argc, argv, "--copy");
	big_data = malloc(big_size ? big_size : 1);
	if (!big_data) {
		perror("cfs: malloc");
		return 1;
	}
	for (size_t i = 0; i < big_size; i++)
		big_data[i] = (unsigned char)((i * 31) >> 3);

	char *fuse_argv[] = { argv[0], "-o", "fsname=cfs,subtype=cfs,default_permissions", NULL };
	struct fuse_args args = FUSE_ARGS_INIT(3, fuse_argv);
	struct fuse_session *se = fuse_session_new(&args, &ops, sizeof ops, NULL);
	if (!se)
		return 1;
	mountpoint = argv[1];
	struct sigaction sa = { .sa_handler = on_signal };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (fuse_session_mount(se, mountpoint) != 0) {
		fuse_session_destroy(se);
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	int rc = has_flag(argc, argv, "--libfuse-loop") ? libfuse_loop(se, threads) : own_loop(se, threads);
	fuse_session_unmount(se);
	fuse_session_destroy(se);
	return rc ? 1 : 0;
}
