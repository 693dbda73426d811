using System.Runtime.InteropServices;

namespace PaperDigest.Cli.Input;

/// <summary>What a path names, as the file system says.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
    Other,
}

/// <summary>
/// A file's type and identity (device and inode), read with <c>statx</c> on Linux; elsewhere the type is what .NET can tell
/// (file, directory, link) and the identity is the full path. Identity is what tells whether two paths are one file (an
/// output naming an input, a directory reached twice through symbolic links).
/// </summary>
internal readonly partial record struct FileNode(FileKind Kind, ulong Device, ulong Inode, string? Key)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>Whether two nodes are the same file.</summary>
    public bool SameAs(FileNode other)
        => Kind != FileKind.Missing && other.Kind != FileKind.Missing && (Key is null ? other.Key is null && Device == other.Device && Inode == other.Inode : Key == other.Key);

    /// <summary>The node <paramref name="path"/> names; through symbolic links unless <paramref name="followLinks"/> is false.</summary>
    public static FileNode Of(string path, bool followLinks = true)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return Statx(path, followLinks);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc or musl with statx: fall through to what .NET can tell.
            }
        }

        return Portable(path, followLinks);
    }

    private static FileNode Statx(string path, bool followLinks)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (NativeMethods.Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            return new FileNode(FileKind.Missing, 0, 0, null);
        }

        // struct statx: stx_mode (u16) at 28, stx_ino (u64) at 32, stx_dev_major/minor (u32) at 136/140.
        var mode = BitConverter.ToUInt16(buffer[28..]);
        var inode = BitConverter.ToUInt64(buffer[32..]);
        var device = ((ulong)BitConverter.ToUInt32(buffer[136..]) << 32) | BitConverter.ToUInt32(buffer[140..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        return new FileNode(kind, device, inode, null);
    }

    private static FileNode Portable(string path, bool followLinks)
    {
        try
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (!info.Exists)
            {
                return new FileNode(FileKind.Missing, 0, 0, null);
            }

            if (info.LinkTarget is not null)
            {
                if (!followLinks)
                {
                    return new FileNode(FileKind.SymbolicLink, 0, 0, Path.GetFullPath(path));
                }

                info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
                if (!info.Exists)
                {
                    return new FileNode(FileKind.Missing, 0, 0, null);
                }
            }

            return new FileNode(info is DirectoryInfo ? FileKind.Directory : FileKind.Regular, 0, 0, Path.GetFullPath(info.FullName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FileNode(FileKind.Missing, 0, 0, null);
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte buffer);
    }
}
