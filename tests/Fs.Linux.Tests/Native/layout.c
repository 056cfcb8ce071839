/* Prints the x86-64 layouts of the libfuse3 (3.14) and libc structs that src/Fs.Linux/Native
   mirrors, one "name value" per line; LayoutTests compares them with the C# structs. */
#define FUSE_USE_VERSION 314
#define _GNU_SOURCE
#include <fuse_lowlevel.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#define SIZE(t) printf("sizeof.%s %zu\n", #t, sizeof(struct t))
#define OFF(t, f) printf("offsetof.%s.%s %zu\n", #t, #f, offsetof(struct t, f))

int main(void)
{
	SIZE(stat); OFF(stat, st_dev); OFF(stat, st_ino); OFF(stat, st_nlink); OFF(stat, st_mode);
	OFF(stat, st_uid); OFF(stat, st_gid); OFF(stat, st_rdev); OFF(stat, st_size);
	OFF(stat, st_blksize); OFF(stat, st_blocks); OFF(stat, st_atim); OFF(stat, st_mtim);
	OFF(stat, st_ctim);
	SIZE(statvfs); OFF(statvfs, f_bsize); OFF(statvfs, f_frsize); OFF(statvfs, f_blocks);
	OFF(statvfs, f_bfree); OFF(statvfs, f_bavail); OFF(statvfs, f_files); OFF(statvfs, f_ffree);
	OFF(statvfs, f_favail); OFF(statvfs, f_fsid); OFF(statvfs, f_flag); OFF(statvfs, f_namemax);
	SIZE(fuse_entry_param); OFF(fuse_entry_param, ino); OFF(fuse_entry_param, generation);
	OFF(fuse_entry_param, attr); OFF(fuse_entry_param, attr_timeout);
	OFF(fuse_entry_param, entry_timeout);
	SIZE(fuse_file_info); OFF(fuse_file_info, flags); OFF(fuse_file_info, fh);
	OFF(fuse_file_info, lock_owner); OFF(fuse_file_info, poll_events);
	SIZE(fuse_conn_info); OFF(fuse_conn_info, proto_major); OFF(fuse_conn_info, proto_minor);
	OFF(fuse_conn_info, max_write); OFF(fuse_conn_info, max_read);
	OFF(fuse_conn_info, max_readahead); OFF(fuse_conn_info, capable); OFF(fuse_conn_info, want);
	OFF(fuse_conn_info, max_background); OFF(fuse_conn_info, congestion_threshold);
	OFF(fuse_conn_info, time_gran);
	SIZE(fuse_buf); OFF(fuse_buf, size); OFF(fuse_buf, flags); OFF(fuse_buf, mem);
	OFF(fuse_buf, fd); OFF(fuse_buf, pos);
	SIZE(fuse_args); OFF(fuse_args, argc); OFF(fuse_args, argv); OFF(fuse_args, allocated);
	SIZE(fuse_ctx); OFF(fuse_ctx, uid); OFF(fuse_ctx, gid); OFF(fuse_ctx, pid); OFF(fuse_ctx, umask);
	SIZE(fuse_forget_data); OFF(fuse_forget_data, ino); OFF(fuse_forget_data, nlookup);
	SIZE(fuse_lowlevel_ops); OFF(fuse_lowlevel_ops, init); OFF(fuse_lowlevel_ops, lookup);
	OFF(fuse_lowlevel_ops, create); OFF(fuse_lowlevel_ops, readdirplus);
	OFF(fuse_lowlevel_ops, lseek);

	/* The bitfield word after fuse_file_info.flags: which bit each flag occupies. */
	struct fuse_file_info fi;
	unsigned word;
#define BIT(f) memset(&fi, 0, sizeof fi); fi.f = 1; memcpy(&word, (char *)&fi + 4, 4); \
	printf("bit.fuse_file_info.%s 0x%x\n", #f, word)
	BIT(writepage); BIT(direct_io); BIT(keep_cache); BIT(flush); BIT(nonseekable);
	BIT(flock_release); BIT(cache_readdir); BIT(noflush);
	return 0;
}
