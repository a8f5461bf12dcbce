// Files go from the browser straight to S3 with a form the API presigned (avatars and photos alike).
export const UPLOAD_FAILED_MESSAGE = "Your picture didn't upload. Check your connection and try again.";

/**
 * Posts the file to S3 with the presigned form's fields. XMLHttpRequest rather than fetch: only it reports
 * upload progress (onProgress gets 0..1).
 */
export function postToS3({ url, fields }, file, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file); // S3 ignores every field after the file, so it goes last
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => (request.status >= 200 && request.status < 300 ? resolve() : reject(new Error(UPLOAD_FAILED_MESSAGE)));
    request.onerror = () => reject(new Error(UPLOAD_FAILED_MESSAGE));
    request.send(form);
  });
}
