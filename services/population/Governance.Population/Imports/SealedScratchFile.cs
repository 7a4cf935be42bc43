using System.Security.Cryptography;

namespace Governance.Population.Imports;

/// <summary>
/// A file on local disk for one import's working copies (the uploaded file, the checked rows), whose bytes are
/// sealed with AES-256-GCM under a random key that lives only in this object's memory. A replica that crashes
/// mid-import leaves behind a file nobody can read, not a county's identity numbers in plain text. Written once,
/// front to back; then read as a seekable stream (an xlsx is a zip, read from its end). Deleted when disposed.
/// </summary>
public sealed class SealedScratchFile : IDisposable
{
    private const int BlockSize = 64 * 1024;
    private const int TagSize = 16;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private bool _written;

    public SealedScratchFile(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
    }

    public string Path { get; }

    /// <summary>The plaintext's length, known once the writer is disposed.</summary>
    public long Length { get; private set; }

    /// <summary>The one writer of this file: what is written to it is sealed block by block as it goes.</summary>
    public Stream OpenWrite()
    {
        if (_written) throw new InvalidOperationException("A sealed scratch file is written once.");
        _written = true;
        return new Writer(this);
    }

    /// <summary>A seekable reader of what was written; any number, one after another or at once.</summary>
    public Stream OpenRead() => new Reader(this);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        File.Delete(Path);
    }

    private static FileStreamOptions CreateOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 0 };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }

    // Each block has its own nonce, its index: the key is this file's alone and every block is sealed once.
    private static void NonceOf(long block, Span<byte> nonce)
    {
        nonce.Clear();
        BitConverter.TryWriteBytes(nonce, block);
    }

    private sealed class Writer(SealedScratchFile owner) : Stream
    {
        private readonly FileStream _file = new(owner.Path, CreateOptions());
        private readonly AesGcm _aes = new(owner._key, TagSize);
        private readonly byte[] _plain = new byte[BlockSize];
        private readonly byte[] _sealed = new byte[TagSize + BlockSize];
        private int _filled;
        private long _block;
        private long _length;

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                var take = Math.Min(buffer.Length, BlockSize - _filled);
                buffer[..take].CopyTo(_plain.AsSpan(_filled));
                _filled += take;
                _length += take;
                buffer = buffer[take..];
                if (_filled == BlockSize) Seal();
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        private void Seal()
        {
            if (_filled == 0) return;
            Span<byte> nonce = stackalloc byte[12];
            NonceOf(_block++, nonce);
            _aes.Encrypt(nonce, _plain.AsSpan(0, _filled), _sealed.AsSpan(TagSize, _filled), _sealed.AsSpan(0, TagSize));
            _file.Write(_sealed, 0, TagSize + _filled);
            _filled = 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Seal();
                _file.Dispose();
                _aes.Dispose();
                owner.Length = _length;
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private sealed class Reader(SealedScratchFile owner) : Stream
    {
        private readonly FileStream _file = new(owner.Path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, BufferSize = 0 });
        private readonly AesGcm _aes = new(owner._key, TagSize);
        private readonly byte[] _plain = new byte[BlockSize];
        private readonly byte[] _sealed = new byte[TagSize + BlockSize];
        private long _loaded = -1;
        private int _loadedLength;
        private long _position;

        public override int Read(Span<byte> buffer)
        {
            if (_position >= owner.Length || buffer.Length == 0) return 0;
            var block = _position / BlockSize;
            if (block != _loaded) Load(block);
            var offset = (int)(_position - block * BlockSize);
            var take = Math.Min(buffer.Length, _loadedLength - offset);
            _plain.AsSpan(offset, take).CopyTo(buffer);
            _position += take;
            return take;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        /// <exception cref="CryptographicException">The file was altered on disk.</exception>
        private void Load(long block)
        {
            var length = (int)Math.Min(BlockSize, owner.Length - block * BlockSize);
            _file.Position = block * (TagSize + BlockSize);
            _file.ReadExactly(_sealed, 0, TagSize + length);
            Span<byte> nonce = stackalloc byte[12];
            NonceOf(block, nonce);
            _aes.Decrypt(nonce, _sealed.AsSpan(TagSize, length), _sealed.AsSpan(0, TagSize), _plain.AsSpan(0, length));
            _loaded = block;
            _loadedLength = length;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            var target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => owner.Length + offset,
            };
            if (target < 0) throw new IOException("Cannot seek before the start of the file.");
            return _position = target;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _file.Dispose();
                _aes.Dispose();
                CryptographicOperations.ZeroMemory(_plain);
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => owner.Length;
        public override long Position { get => _position; set => Seek(value, SeekOrigin.Begin); }
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
