// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A recoupment waterfall: what it receives in its token fills tranche 0 up to its cap, then tranche 1,
/// and so on; everything beyond the caps goes to the residual recipient. Anyone releases a position's owed
/// amount to that position's recipient.
/// @dev The config is never stored: every call passes it (`token`, packed `tranches`, `residual`, `salt`) and
/// the Waterfall checks that its hash, as CREATE2 salt, yields its own address. A tranche word is
/// `(uint256(cap) << 160) | uint160(recipient)`. Positions are numbered 0..n-1 for the tranches and n for the
/// residual. `token == address(0)` is ETH.
interface IWaterfall {
    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev The config passed does not match this Waterfall: it would belong to `computed`.
    error WaterfallConfigMismatch(address computed);

    /// @dev Position `index` does not exist: a Waterfall with `trancheCount` tranches has positions 0..trancheCount.
    error WaterfallUnknownPosition(uint256 index, uint256 trancheCount);

    /// @dev `recover` was asked for the waterfall's own token, which only the tranches and the residual receive.
    error WaterfallTokenNotRecoverable(address token);

    /// @dev The residual's cumulative amount `value` would not fit its 160-bit slot (a token beyond 2^160 units).
    error WaterfallAmountOverflow(uint256 value);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice `amount` of the waterfall's token was paid to position `index`, whose recipient is `recipient`.
    event Released(uint256 indexed index, address indexed recipient, uint256 amount);

    /// @notice In `releaseAll`, paying `amount` to position `index` (`recipient`) failed; it stays owed.
    event ReleaseFailed(uint256 indexed index, address indexed recipient, uint256 amount);

    /// @notice `amount` of `token`, not the waterfall's token, was passed on whole to the residual `recipient`.
    event Recovered(address indexed token, address indexed recipient, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                               FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Pays position `index` what it is owed; returns 0 (and pays nothing) when nothing is owed.
    function release(
        address token,
        uint256[] calldata tranches,
        address residual,
        bytes32 salt,
        uint256 index
    ) external returns (uint256 amount);

    /// @notice Pays every position what it is owed, in order; a position whose payment fails is skipped
    /// (`ReleaseFailed`) and stays owed.
    function releaseAll(
        address token,
        uint256[] calldata tranches,
        address residual,
        bytes32 salt
    ) external returns (uint256 paid);

    /// @notice Passes this Waterfall's whole balance of `other` (any token but its own, or ETH) to the residual.
    function recover(
        address other,
        address token,
        uint256[] calldata tranches,
        address residual,
        bytes32 salt
    ) external returns (uint256 amount);

    /// @notice Cumulative amount received (`balance + Σ released`), and per position (tranches, then the
    /// residual) what has been released and what is owed now. Verifies the config.
    function positions(
        address token,
        uint256[] calldata tranches,
        address residual,
        bytes32 salt
    ) external view returns (uint256 received, uint256[] memory released, uint256[] memory owed);

    /// @notice Amount paid to tranche `index` so far (the config is not needed to read it).
    function trancheReleased(uint256 index) external view returns (uint256);

    /// @notice Amount paid to the residual so far.
    function residualReleased() external view returns (uint256);

    /// @notice The factory whose CREATE2 addresses this implementation accepts as itself.
    function FACTORY() external view returns (address);

    /// @notice keccak256 of the clone creation code pointing at this implementation.
    function CLONE_INIT_CODE_HASH() external view returns (bytes32);
}
