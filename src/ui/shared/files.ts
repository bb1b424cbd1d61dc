/** Browser file plumbing: a download from bytes, and the bytes of a picked file. */
export function download(bytes: Uint8Array, fileName: string, type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function pickedFile(input: HTMLInputElement): Promise<{ name: string; bytes: Uint8Array } | null> {
  const file = input.files?.[0];
  input.value = ''; // picking the same file again must fire change again
  if (!file) return null;
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
