-- CreateTable
CREATE TABLE "slack_request_key" (
    "key" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "slack_request_key_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "slack_request_key_expires_at_idx" ON "slack_request_key"("expires_at");
